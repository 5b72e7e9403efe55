package org.roster.user;

/**
 * Published inside the transaction that deletes a user, before the row goes; the profile
 * feature listens ({@code deleteProfileByUser}).
 */
public record UserDeletedEvent(long userId, String username) {
}
