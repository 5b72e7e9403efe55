package org.roster.account;

import java.util.Locale;

import org.roster.user.UserService;

/**
 * A sign-in that {@link SignInConfirmation} records once its session is stored, with an
 * update conditioned on what the sign-in saw of the account.
 */
interface RecordedSignIn {

	RosterPrincipal principal();

	/** The language the account's mail was written in until this sign-in. */
	Locale language();

	/**
	 * @return false if the account changed since it was checked: the sign-in must end
	 */
	boolean record(UserService users);

	/** How the user signed in, as the activity log names it. */
	String method();

}
