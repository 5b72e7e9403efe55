package org.roster.user;

/** No user has the given id. The web layer answers 404. */
public class UserNotFoundException extends RuntimeException {

	public UserNotFoundException(long id) {
		super("No user with id " + id);
	}

}
