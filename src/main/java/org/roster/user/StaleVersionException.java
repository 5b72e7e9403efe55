package org.roster.user;

/**
 * The client edited an older version of the user than the one stored. The web layer
 * answers 409.
 */
public class StaleVersionException extends RuntimeException {

	public StaleVersionException() {
		super("This user was changed by someone else. Reload to see the latest version.");
	}

}
