package org.roster.account;

/**
 * The account was already sent {@code limit} confirmation links in the last hour
 * ({@code roster.mail.per-account-per-hour}): no further mail now. The advice of the
 * route decides the answer (429).
 */
public class MailLimitException extends RuntimeException {

	private final int limit;

	MailLimitException(int limit) {
		super("At most " + limit + " confirmation mails an hour for one account");
		this.limit = limit;
	}

	/** How many link mails an account gets per hour. */
	public int limit() {
		return this.limit;
	}

}
