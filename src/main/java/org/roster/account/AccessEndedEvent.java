package org.roster.account;

/**
 * A user's access ended (suspension, deletion, role change, a password set through a
 * mailed link): published by {@link SessionRevoker#revokeAll} inside the transaction of
 * the change, so listeners that end other credentials (the API tokens, the grants of
 * applications signed in through Roster, keyed by the username) do it in the same
 * transaction, and not at all if it rolls back.
 */
public record AccessEndedEvent(long userId, String username) {
}
