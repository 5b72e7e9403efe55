package org.roster.account;

/**
 * The only fields registration binds: role, status, counters and ids cannot be posted in.
 */
record RegistrationForm(String username, String email, String password, String passwordConfirm) {

	static RegistrationForm empty() {
		return new RegistrationForm("", "", "", "");
	}

	/** What the form shows again after an error: never the passwords. */
	RegistrationForm withoutPasswords() {
		return new RegistrationForm(this.username, this.email, "", "");
	}

}
