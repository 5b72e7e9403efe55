package org.roster.mail;

/**
 * What a one-time link in a message does; a token works for its own purpose only, and a
 * new one voids the older ones of the same purpose for that user.
 */
public enum LinkPurpose {

	/** Confirms the account's address ({@code /verify-email}). */
	VERIFY,

	/** Sets a new password ({@code /reset-password}). */
	RESET,

	/** Chooses the first password of an invited account ({@code /reset-password}). */
	INVITE,

	/** Confirms a new address before it replaces the old one ({@code /confirm-email}). */
	EMAIL

}
