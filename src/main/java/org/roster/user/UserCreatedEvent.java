package org.roster.user;

/**
 * Published inside the transaction that inserts a user; the profile feature listens
 * ({@code createProfileByUser}) so the profile commits or rolls back with the user.
 */
public record UserCreatedEvent(long userId, String email) {
}
