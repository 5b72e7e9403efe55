package org.roster.user;

/** A username or email that another account already has (compared case-insensitively). */
public class DuplicateUserException extends RuntimeException {

	private final String field;

	public DuplicateUserException(String field) {
		super(("email".equals(field) ? "email address" : field) + " is already registered");
		this.field = field;
	}

	/** {@code username} or {@code email}. */
	public String getField() {
		return this.field;
	}

}
