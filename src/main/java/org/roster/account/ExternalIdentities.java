package org.roster.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.roster.activity.Action;
import org.roster.activity.ActivityLog;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code user_identities} table: which provider account signs into which Roster
 * account. Unique per provider and subject, and per account and provider; the rows go
 * with their user (foreign key, on delete cascade).
 */
@Component
class ExternalIdentities {

	/** "Last used" is written at most this often per link: no write per sign-in burst. */
	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	ExternalIdentities(JdbcClient jdbc, ActivityLog activity) {
		this.activity = activity;
		this.jdbc = jdbc;
	}

	Optional<Identity> find(String provider, String subject) {
		return this.jdbc.sql("SELECT * FROM user_identities WHERE provider = ? AND subject = ?")
			.params(provider, subject)
			.query(ExternalIdentities::identity)
			.optional();
	}

	List<Identity> ofUser(long userId) {
		return this.jdbc.sql("SELECT * FROM user_identities WHERE user_id = ? ORDER BY provider")
			.param(userId)
			.query(ExternalIdentities::identity)
			.list();
	}

	/**
	 * Links the provider account to the user.
	 * @throws AlreadyLinked if the provider account belongs to someone, or the user has
	 * an account of that provider already
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void link(long userId, ExternalAccount account) {
		try {
			this.jdbc
				.sql("INSERT INTO user_identities (user_id, provider, subject, email, created_at, last_used_at)"
						+ " VALUES (?, ?, ?, ?, ?, ?)")
				.params(userId, account.registrationId(), account.subject(), account.email(), now(), now())
				.update();
			this.activity.record(Action.EXTERNAL_LINK)
				.targetId(userId)
				.detail("provider", account.registrationId())
				.save();
		}
		catch (DuplicateKeyException ex) {
			throw new AlreadyLinked();
		}
	}

	@Transactional
	boolean unlink(long userId, String provider) {
		boolean unlinked = this.jdbc.sql("DELETE FROM user_identities WHERE user_id = ? AND provider = ?")
			.params(userId, provider)
			.update() == 1;
		if (unlinked) {
			this.activity.record(Action.EXTERNAL_UNLINK).targetId(userId).detail("provider", provider).save();
		}
		return unlinked;
	}

	/**
	 * Records a sign-in through the link (and the address the provider gave this time).
	 */
	void touch(Identity identity, @Nullable String email) {
		Instant now = Instant.now();
		boolean recent = identity.lastUsedAt() != null && identity.lastUsedAt().isAfter(now.minus(TOUCH_INTERVAL));
		if (recent && java.util.Objects.equals(email, identity.email())) {
			return;
		}
		this.jdbc.sql("UPDATE user_identities SET last_used_at = ?, email = ? WHERE id = ?")
			.params(Timestamp.from(now), email, identity.id())
			.update();
	}

	private static Timestamp now() {
		return Timestamp.from(Instant.now());
	}

	private static Identity identity(ResultSet rs, int row) throws SQLException {
		Timestamp lastUsed = rs.getTimestamp("last_used_at");
		return new Identity(rs.getLong("id"), rs.getLong("user_id"), rs.getString("provider"), rs.getString("subject"),
				rs.getString("email"), rs.getTimestamp("created_at").toInstant(),
				(lastUsed != null) ? lastUsed.toInstant() : null);
	}

	/** One link; {@code email} is the address the provider gave at the last sign-in. */
	record Identity(long id, long userId, String provider, String subject, @Nullable String email, Instant createdAt,
			@Nullable Instant lastUsedAt) {
	}

	/** The provider account or the provider slot of the user is taken. */
	static class AlreadyLinked extends RuntimeException {

		AlreadyLinked() {
			super("The provider account or the account's link to that provider is taken");
		}

	}

}
