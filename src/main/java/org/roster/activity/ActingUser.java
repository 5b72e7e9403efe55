package org.roster.activity;

/**
 * A signed-in user as the log names them: the principal of the security context
 * implements it, so an event's actor is found without the caller passing it.
 */
public interface ActingUser {

	long id();

	String username();

}
