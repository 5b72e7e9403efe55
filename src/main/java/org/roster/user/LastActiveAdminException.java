package org.roster.user;

/** The change would leave Roster without an active admin. The web layer answers 409. */
public class LastActiveAdminException extends RuntimeException {

	public LastActiveAdminException() {
		super("This is the last active admin: promote or activate another admin first.");
	}

}
