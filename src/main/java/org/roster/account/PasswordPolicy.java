package org.roster.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.roster.web.Messages;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one password rule set, shared by registration, password change and the CLI: 8–128
 * characters, a zxcvbn score of at least {@code roster.security.password.min-score}, and
 * not containing the username or the email's local part. No composition rules.
 */
@Component
public class PasswordPolicy {

	public static final int MIN_LENGTH = 8;

	public static final int MAX_LENGTH = 128;

	private static final int MIN_PERSONAL_TOKEN = 3;

	private final int minScore;

	private final Messages messages;

	PasswordPolicy(SecurityProperties properties, Messages messages) {
		this.minScore = properties.password().minScore();
		this.messages = messages;
	}

	/** The lowest zxcvbn score accepted; the pages' strength bars show it. */
	public int minScore() {
		return this.minScore;
	}

	/** The first reason the password is refused, or empty when it is acceptable. */
	public Optional<String> check(String password, String username, String email) {
		List<String> problems = problems(password, username, email);
		return problems.isEmpty() ? Optional.empty() : Optional.of(problems.get(0));
	}

	List<String> problems(String password, String username, String email) {
		List<String> problems = new ArrayList<>();
		if (password == null || password.length() < MIN_LENGTH) {
			problems.add(this.messages.get("password.policy.tooShort", MIN_LENGTH));
			return problems;
		}
		if (password.length() > MAX_LENGTH) {
			problems.add(this.messages.get("password.policy.tooLong", MAX_LENGTH));
			return problems;
		}
		String lower = password.toLowerCase(Locale.ROOT);
		for (String token : personalTokens(username, email)) {
			if (lower.contains(token)) {
				problems.add(this.messages.get("password.policy.personal"));
				return problems;
			}
		}
		Strength strength = Estimator.ZXCVBN.measure(password, personalTokens(username, email));
		if (strength.getScore() < this.minScore) {
			String hint = warning(strength);
			problems.add((hint != null && !hint.isBlank()) ? this.messages.get("password.policy.weakBecause", hint)
					: this.messages.get("password.policy.weak"));
		}
		return problems;
	}

	/** zxcvbn's own warning, in German from its bundled translation, else English. */
	private static String warning(Strength strength) {
		Locale locale = LocaleContextHolder.getLocale();
		return "de".equals(locale.getLanguage()) ? strength.getFeedback().getWarning(Locale.GERMAN)
				: strength.getFeedback().getWarning();
	}

	int score(String password, String username, String email) {
		return Estimator.ZXCVBN.measure(password, personalTokens(username, email)).getScore();
	}

	private static List<String> personalTokens(String username, String email) {
		List<String> tokens = new ArrayList<>();
		if (username != null && username.strip().length() >= MIN_PERSONAL_TOKEN) {
			tokens.add(username.strip().toLowerCase(Locale.ROOT));
		}
		String address = (email != null) ? email.strip() : "";
		if (address.indexOf('@') >= MIN_PERSONAL_TOKEN) {
			tokens.add(address.substring(0, address.indexOf('@')).toLowerCase(Locale.ROOT));
		}
		return tokens;
	}

	/**
	 * zxcvbn's dictionaries take about 20 MB of heap and a noticeable part of the
	 * start-up; the holder loads them at the first password check instead of at boot.
	 */
	private static final class Estimator {

		static final Zxcvbn ZXCVBN = new Zxcvbn();

	}

}
