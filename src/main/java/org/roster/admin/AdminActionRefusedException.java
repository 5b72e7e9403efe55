package org.roster.admin;

/**
 * A change the rules forbid for this caller, such as an admin suspending themself (409).
 */
class AdminActionRefusedException extends RuntimeException {

	AdminActionRefusedException(String message) {
		super(message);
	}

}
