package org.roster.profile;

/** The user has no profile (it does not exist). The web layer answers 404. */
public class ProfileNotFoundException extends RuntimeException {

	public ProfileNotFoundException(long userId) {
		super("No profile for user " + userId);
	}

}
