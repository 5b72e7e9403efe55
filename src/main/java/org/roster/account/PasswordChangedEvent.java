package org.roster.account;

/**
 * A user changed their own password on the profile page: published inside the change's
 * transaction. The user's other sessions end after it; applications signed in through
 * Roster lose their grants with it. Personal API tokens stay (the profile lists them to
 * revoke); a password set through a mailed link is an {@link AccessEndedEvent} instead.
 */
public record PasswordChangedEvent(long userId, String username) {
}
