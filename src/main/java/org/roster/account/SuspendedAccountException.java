package org.roster.account;

/**
 * A mailed reset or invitation link of an account suspended since it was sent: the link
 * is valid, but no password is set through it while the suspension lasts. Thrown inside
 * the transaction, so the token stays unused.
 */
class SuspendedAccountException extends RuntimeException {

	SuspendedAccountException(long userId) {
		super("User " + userId + " is suspended");
	}

}
