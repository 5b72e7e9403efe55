package org.roster.admin;

/**
 * {@code POST /users/{id}/invitation} and {@code /password-reset} answer: the message is
 * queued for this address (the outbox delivers it).
 */
record MailQueued(long id, String email) {
}
