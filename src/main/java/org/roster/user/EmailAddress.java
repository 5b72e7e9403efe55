package org.roster.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Syntax check for account emails, shared by registration, edits and
 * {@code /email_exists}.
 */
public final class EmailAddress {

	public static final int MAX_LENGTH = 254;

	private static final Pattern SYNTAX = Pattern.compile("(?i)^(?=.{1,64}@)[a-z0-9!#$%&'*+/=?^_`{|}~-]+"
			+ "(?:\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	private EmailAddress() {
	}

	/** The form an address is stored and compared in: trimmed, lower-case. */
	public static String normalise(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	public static boolean isValid(String email) {
		return email != null && email.length() <= MAX_LENGTH && SYNTAX.matcher(email.strip()).matches();
	}

}
