package org.roster.user;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What it takes to create an account; the password is already hashed. An invited account
 * has a password nobody knows until its owner chooses one through the invitation link; so
 * has one made by signing in with another account ({@code passwordSet} false) until its
 * owner sets one through the reset mail.
 */
public record NewUser(String username, String email, String passwordHash, Role role, boolean emailVerified,
		boolean invited, @Nullable Locale language, boolean passwordSet) {

	/** An account whose owner chose its password. */
	public NewUser(String username, String email, String passwordHash, Role role, boolean emailVerified,
			boolean invited, @Nullable Locale language) {
		this(username, email, passwordHash, role, emailVerified, invited, language, true);
	}

	/** An account that has not verified its address, in no particular language. */
	public NewUser(String username, String email, String passwordHash, Role role) {
		this(username, email, passwordHash, role, false, false, null);
	}

}
