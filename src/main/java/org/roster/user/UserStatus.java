package org.roster.user;

/**
 * Whether a user may sign in. Suspension is an admin decision, unlike a temporary lock.
 */
public enum UserStatus {

	ACTIVE, SUSPENDED

}
