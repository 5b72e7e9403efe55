package org.roster.account;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The users' authenticator apps ({@code user_totp}): the secret encrypted, and the last
 * time step a code was accepted for. A code counts once: accepting it moves
 * {@code last_used_step} forward with an update conditioned on its old value, so the same
 * code (or an older one) presented again, on any node, is refused.
 */
@Component
class Authenticators {

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final TotpCodes codes;

	Authenticators(JdbcClient jdbc, SecretCipher cipher, TotpCodes codes) {
		this.jdbc = jdbc;
		this.cipher = cipher;
		this.codes = codes;
	}

	/** When the user set up their authenticator; empty when they have none. */
	Optional<Instant> since(long userId) {
		return this.jdbc.sql("SELECT created_at FROM user_totp WHERE user_id = ?")
			.param(userId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	/**
	 * The step a set-up code matched, if {@code code} is one of the new secret's: the
	 * set-up stores it as used.
	 */
	OptionalLong confirmingStep(String base32Secret, String code) {
		return this.codes.matchingStep(base32Secret, code);
	}

	/**
	 * Stores the authenticator, its confirming code's step used up; false when the user
	 * already has one (set up meanwhile in another tab).
	 */
	boolean add(long userId, String base32Secret, long confirmedStep) {
		if (since(userId).isPresent()) {
			return false;
		}
		this.jdbc.sql("INSERT INTO user_totp (user_id, secret, last_used_step, created_at) VALUES (?, ?, ?, ?)")
			.params(userId, this.cipher.encrypt(base32Secret.getBytes(StandardCharsets.US_ASCII), userId),
					confirmedStep, Timestamp.from(Instant.now()))
			.update();
		return true;
	}

	/** Whether {@code code} is the user's current code, not used before; uses it up. */
	boolean use(long userId, String code) {
		if (!TotpCodes.looksLikeCode(code)) {
			return false;
		}
		Optional<String> stored = this.jdbc.sql("SELECT secret FROM user_totp WHERE user_id = ?")
			.param(userId)
			.query(String.class)
			.optional();
		if (stored.isEmpty()) {
			return false;
		}
		String secret = new String(this.cipher.decrypt(stored.get(), userId), StandardCharsets.US_ASCII);
		OptionalLong step = this.codes.matchingStep(secret, code);
		if (step.isEmpty()) {
			return false;
		}
		return this.jdbc
			.sql("UPDATE user_totp SET last_used_step = ? WHERE user_id = ?"
					+ " AND (last_used_step IS NULL OR last_used_step < ?)")
			.params(step.getAsLong(), userId, step.getAsLong())
			.update() == 1;
	}

	boolean remove(long userId) {
		return this.jdbc.sql("DELETE FROM user_totp WHERE user_id = ?").param(userId).update() > 0;
	}

}
