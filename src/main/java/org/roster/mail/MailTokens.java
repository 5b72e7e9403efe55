package org.roster.mail;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.roster.web.Sha256;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one-time tokens of mailed links: 256 random bits, written into the link only; the
 * database keeps their SHA-256, their purpose, their user and when they expire. A token
 * works once, for its purpose and before it expires; a new token voids the older ones of
 * its purpose, and a password change voids the reset links.
 */
@Component
public class MailTokens {

	/** 32 bytes in unpadded base64url. */
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	MailTokens(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** What a link's token is, without using it up (a link preview must not spend it). */
	public Lookup find(@Nullable String raw, LinkPurpose purpose) {
		if (raw == null || !WELL_FORMED.matcher(raw).matches()) {
			return Lookup.UNKNOWN;
		}
		return this.jdbc
			.sql("SELECT user_id, email, expires_at, used_at FROM mail_tokens WHERE token_hash = ? AND purpose = ?")
			.params(hash(raw), purpose.name())
			.query((rs, row) -> {
				Token token = new Token(rs.getLong("user_id"), purpose, rs.getString("email"),
						rs.getTimestamp("expires_at").toInstant());
				boolean spent = rs.getTimestamp("used_at") != null || !token.expiresAt().isAfter(Instant.now());
				return spent ? Lookup.SPENT : new Lookup(State.VALID, token);
			})
			.optional()
			.orElse(Lookup.UNKNOWN);
	}

	/**
	 * Uses a token up, in the caller's transaction: of two requests with one token, only
	 * one gets it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Token> consume(@Nullable String raw, LinkPurpose purpose) {
		Lookup lookup = find(raw, purpose);
		if (lookup.state() != State.VALID || lookup.token() == null) {
			return Optional.empty();
		}
		int used = this.jdbc
			.sql("UPDATE mail_tokens SET used_at = ? WHERE token_hash = ? AND purpose = ? AND used_at IS NULL"
					+ " AND expires_at > ?")
			.params(Timestamp.from(Instant.now()), hash(raw), purpose.name(), Timestamp.from(Instant.now()))
			.update();
		return (used == 1) ? Optional.of(lookup.token()) : Optional.empty();
	}

	/**
	 * Voids the user's links of these purposes (after a password change, say): the unused
	 * tokens, and the messages still waiting in the outbox, which would otherwise get a
	 * fresh token when they are sent. A message being sent at this moment is locked by
	 * its sender: the delete waits for it, and its token is then voided with the rest.
	 */
	public void voidAll(long userId, LinkPurpose... purposes) {
		for (LinkPurpose purpose : purposes) {
			this.jdbc.sql("DELETE FROM mail_outbox WHERE user_id = ? AND link_purpose = ? AND status = 'PENDING'")
				.params(userId, purpose.name())
				.update();
			voidTokens(userId, purpose);
		}
	}

	/**
	 * The address the user's newest address-change link ({@link LinkPurpose#EMAIL}) waits
	 * on: the newest still queued (once sent, its token voids the older ones), else the
	 * unused, unexpired token's; empty when no change waits.
	 */
	@Transactional(readOnly = true)
	public Optional<String> pendingEmail(long userId) {
		Optional<String> queued = this.jdbc
			.sql("SELECT link_email FROM mail_outbox WHERE user_id = ? AND link_purpose = ? AND status = 'PENDING'"
					+ " ORDER BY created_at DESC, id DESC")
			.params(userId, LinkPurpose.EMAIL.name())
			.query(String.class)
			.list()
			.stream()
			.findFirst();
		if (queued.isPresent()) {
			return queued;
		}
		return this.jdbc.sql(
				"SELECT email FROM mail_tokens WHERE user_id = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?"
						+ " ORDER BY created_at DESC, id DESC")
			.params(userId, LinkPurpose.EMAIL.name(), Timestamp.from(Instant.now()))
			.query(String.class)
			.list()
			.stream()
			.findFirst();
	}

	private void voidTokens(long userId, LinkPurpose purpose) {
		this.jdbc.sql("UPDATE mail_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
			.params(Timestamp.from(Instant.now()), userId, purpose.name())
			.update();
	}

	/**
	 * A new token for the user, voiding the older ones of its purpose; returns it raw.
	 */
	String issue(long userId, LinkPurpose purpose, Duration ttl, @Nullable String email) {
		voidTokens(userId, purpose);
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = Instant.now();
		this.jdbc
			.sql("INSERT INTO mail_tokens (user_id, purpose, token_hash, email, created_at, expires_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?)")
			.params(userId, purpose.name(), hash(raw), email, Timestamp.from(now), Timestamp.from(now.plus(ttl)))
			.update();
		return raw;
	}

	/**
	 * Deletes tokens that expired more than a day ago (they only say "expired" until
	 * then).
	 */
	int purgeExpired() {
		return this.jdbc.sql("DELETE FROM mail_tokens WHERE expires_at < ?")
			.param(Timestamp.from(Instant.now().minus(Duration.ofDays(1))))
			.update();
	}

	static String hash(String raw) {
		return Sha256.hex(raw);
	}

	/**
	 * A valid token: whose it is, what for, and the address it confirms (address change).
	 */
	public record Token(long userId, LinkPurpose purpose, @Nullable String email, Instant expiresAt) {
	}

	public enum State {

		/** Issued, unused and not expired. */
		VALID,

		/** Used, expired or voided: "this link has expired or was already used". */
		SPENT,

		/** Never issued, or not a token at all. */
		UNKNOWN

	}

	/** The state of a token, and the token when it is valid. */
	public record Lookup(State state, @Nullable Token token) {

		static final Lookup UNKNOWN = new Lookup(State.UNKNOWN, null);

		static final Lookup SPENT = new Lookup(State.SPENT, null);

	}

}
