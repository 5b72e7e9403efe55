package org.roster.account;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Usernames for an account made through another account: the provider's own username
 * (else the address's local part, else the name), reduced to what Roster allows
 * ({@code [A-Za-z0-9._-]}, 3 to 32 characters), then with 2, 3, ... appended.
 */
final class UsernameCandidates {

	static final int MAX_LENGTH = 32;

	private static final int TRIES = 50;

	private UsernameCandidates() {
	}

	static List<String> from(ExternalAccount account, String email) {
		String base = null;
		for (String source : new String[] { account.login(), localPart(email), account.fullName() }) {
			base = reduce(source);
			if (base != null) {
				break;
			}
		}
		if (base == null) {
			base = "user";
		}
		Set<String> candidates = new LinkedHashSet<>();
		candidates.add(base);
		for (int n = 2; candidates.size() < TRIES; n++) {
			String suffix = Integer.toString(n);
			String stem = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length()));
			candidates.add(stem + suffix);
		}
		return new ArrayList<>(candidates);
	}

	/** Accents dropped, other characters as dots, trimmed; null if too little is left. */
	static @Nullable String reduce(@Nullable String source) {
		if (source == null) {
			return null;
		}
		String ascii = Normalizer.normalize(source.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String reduced = ascii.replaceAll("[^A-Za-z0-9._-]+", ".").replaceAll("^[._-]+|[._-]+$", "");
		if (reduced.length() > MAX_LENGTH) {
			reduced = reduced.substring(0, MAX_LENGTH).replaceAll("[._-]+$", "");
		}
		return (reduced.length() >= 3 && reduced.matches(".*[A-Za-z0-9].*")) ? reduced : null;
	}

	/**
	 * Text from a provider made fit for a profile field: no control characters, capped.
	 */
	static String plainText(@Nullable String text, int max) {
		if (text == null) {
			return "";
		}
		String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
		return (clean.length() > max) ? clean.substring(0, max).strip() : clean;
	}

	private static @Nullable String localPart(String email) {
		int at = email.indexOf('@');
		return (at > 0) ? email.substring(0, at) : null;
	}

}
