package org.roster.user;

/**
 * What a user may do: {@code ADMIN} runs the console, {@code USER} manages their own
 * account.
 */
public enum Role {

	ADMIN, USER

}
