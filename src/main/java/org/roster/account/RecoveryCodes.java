package org.roster.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.roster.web.Sha256;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ten single-use recovery codes per user, for a lost phone: 16 characters of a
 * 31-character alphabet without look-alikes (79 random bits), shown in groups of four.
 * Only their SHA-256 is stored (random codes this long need no slow hash); new codes
 * replace the old ones.
 */
@Component
class RecoveryCodes {

	static final int COUNT = 10;

	/** No 0/O, 1/l/i: the codes are typed from paper. */
	private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

	private static final int LENGTH = 16;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	RecoveryCodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** New codes for the user, voiding all earlier ones; returned this once. */
	List<String> replace(long userId) {
		remove(userId);
		Timestamp now = Timestamp.from(Instant.now());
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			String code = newCode();
			codes.add(code);
			this.jdbc.sql("INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")
				.params(userId, Sha256.hex(normalise(code)), now)
				.update();
		}
		return codes;
	}

	/** Whether {@code input} is one of the user's unused codes; uses it up. */
	boolean use(long userId, String input) {
		String code = normalise(input);
		if (code.length() != LENGTH) {
			return false;
		}
		return this.jdbc
			.sql("UPDATE user_recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
			.params(Timestamp.from(Instant.now()), userId, Sha256.hex(code))
			.update() == 1;
	}

	int remaining(long userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = ? AND used_at IS NULL")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	void remove(long userId) {
		this.jdbc.sql("DELETE FROM user_recovery_codes WHERE user_id = ?").param(userId).update();
	}

	/** Dashes, spaces and case do not matter when a code is typed. */
	static String normalise(String input) {
		return input.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
	}

	private String newCode() {
		StringBuilder code = new StringBuilder(LENGTH + 3);
		for (int i = 0; i < LENGTH; i++) {
			if (i > 0 && i % 4 == 0) {
				code.append('-');
			}
			code.append(ALPHABET[this.random.nextInt(ALPHABET.length)]);
		}
		return code.toString();
	}

}
