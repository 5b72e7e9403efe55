package org.roster.token;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.account.AccessEndedEvent;
import org.roster.account.RosterPrincipal;
import org.roster.user.Role;
import org.roster.user.UserService;
import org.roster.user.UserStatus;
import org.roster.web.Sha256;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tokens: made with 256 random bits and shown once; the database keeps their SHA-256
 * (so a copy of it signs nobody in) and a short prefix to tell them apart. A request's
 * token is looked up by its hash, joined with its user, in one query: nothing is cached,
 * so a revoked token, a suspended user or a changed role count on every node at once.
 */
@Service
class ApiTokens {

	/** Marks Roster's tokens for secret scanners. */
	static final String PREFIX = "rst_";

	/** The prefix and 32 bytes in unpadded base64url. */
	private static final Pattern WELL_FORMED = Pattern.compile("rst_[A-Za-z0-9_-]{43}");

	/** How much of a token the lists show: the marker and four characters. */
	private static final int SHOWN = PREFIX.length() + 4;

	/** The expiries a user may choose; admins may also choose none. */
	static final Set<Integer> LIFETIMES = Set.of(30, 90, 365);

	/** A token's last use is written at most this often. */
	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String VIEW_COLUMNS = "id, name, scope, prefix, created_at, last_used_at, expires_at";

	private final JdbcClient jdbc;

	private final UserService users;

	private final ActivityLog activity;

	ApiTokens(JdbcClient jdbc, UserService users, ActivityLog activity) {
		this.activity = activity;
		this.jdbc = jdbc;
		this.users = users;
	}

	/** A new token of the signed-in user; the answer holds the token, once. */
	@Transactional
	CreatedToken create(RosterPrincipal owner, CreateTokenRequest request) {
		Integer days = request.expiresInDays();
		if ((days == null && !owner.isAdmin()) || (days != null && !LIFETIMES.contains(days))) {
			throw new InvalidTokenRequestException(Map.of("expiresInDays",
					owner.isAdmin() ? "token.validation.expiryAdmin" : "token.validation.expiry"));
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = (days != null) ? now.plus(Duration.ofDays(days)) : null;
		TokenScope scope = TokenScope.of(String.valueOf(request.scope()));
		String name = String.valueOf(request.name()).strip();
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("INSERT INTO api_tokens (user_id, name, scope, token_hash, prefix, created_at, expires_at)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(owner.id(), name, scope.value(), hash(token), token.substring(0, SHOWN), Timestamp.from(now),
					timestamp(expiresAt))
			.update(keys, "id");
		long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
		this.activity.record(Action.TOKEN_CREATED)
			.target(owner.id(), owner.username())
			.detail("name", name)
			.detail("scope", scope.value())
			.detail("prefix", token.substring(0, SHOWN))
			.save();
		return new CreatedToken(id, name, scope.value(), token.substring(0, SHOWN), token, now, expiresAt);
	}

	/** A user's tokens, newest first; unknown user: {@code UserNotFoundException}. */
	@Transactional(readOnly = true)
	List<TokenView> list(long userId) {
		this.users.get(userId);
		return this.jdbc
			.sql("SELECT " + VIEW_COLUMNS + " FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC")
			.param(userId)
			.query((rs, row) -> {
				Instant expiresAt = instant(rs.getTimestamp("expires_at"));
				return new TokenView(rs.getLong("id"), rs.getString("name"), rs.getString("scope"),
						rs.getString("prefix"), rs.getTimestamp("created_at").toInstant(),
						instant(rs.getTimestamp("last_used_at")), expiresAt,
						expiresAt != null && !expiresAt.isAfter(Instant.now()));
			})
			.list();
	}

	/**
	 * Revokes one of the user's tokens; {@code TokenNotFoundException} when the user has
	 * no such token (another user's id included: it is not told apart from none).
	 */
	@Transactional
	void revoke(long userId, long tokenId) {
		int deleted = this.jdbc.sql("DELETE FROM api_tokens WHERE id = ? AND user_id = ?")
			.params(tokenId, userId)
			.update();
		if (deleted == 0) {
			throw new TokenNotFoundException();
		}
		this.activity.record(Action.TOKEN_REVOKED).targetId(userId).detail("token", tokenId).save();
	}

	/**
	 * The access of a user ended (suspension, deletion, role change, a password reset):
	 * their tokens go in the same transaction.
	 */
	@EventListener
	void onAccessEnded(AccessEndedEvent event) {
		this.jdbc.sql("DELETE FROM api_tokens WHERE user_id = ?").param(event.userId()).update();
	}

	/**
	 * Who a request's token signs in: empty for a malformed, unknown or expired token,
	 * and for a user who is not active. Records the use at most once a minute per token,
	 * with an update that does nothing when another request (or node) recorded it
	 * meanwhile.
	 */
	Optional<TokenAuthentication> authenticate(String token) {
		if (!WELL_FORMED.matcher(token).matches()) {
			return Optional.empty();
		}
		Instant now = Instant.now();
		Optional<Found> found = this.jdbc
			.sql("SELECT t.id, t.scope, t.expires_at, t.last_used_at, u.id AS user_id, u.username, u.role, u.status"
					+ " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?")
			.param(hash(token))
			.query((rs, row) -> new Found(rs.getLong("id"), TokenScope.of(rs.getString("scope")),
					instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")),
					new RosterPrincipal(rs.getLong("user_id"), rs.getString("username"),
							Role.valueOf(rs.getString("role"))),
					UserStatus.valueOf(rs.getString("status"))))
			.optional();
		if (found.isEmpty() || !found.get().usableAt(now)) {
			return Optional.empty();
		}
		Found valid = found.get();
		Instant due = now.minus(TOUCH_INTERVAL);
		if (valid.lastUsedAt() == null || valid.lastUsedAt().isBefore(due)) {
			this.jdbc
				.sql("UPDATE api_tokens SET last_used_at = ? WHERE id = ?"
						+ " AND (last_used_at IS NULL OR last_used_at < ?)")
				.params(Timestamp.from(now), valid.id(), Timestamp.from(due))
				.update();
		}
		return Optional.of(new TokenAuthentication(valid.principal(), valid.id(), valid.scope()));
	}

	static String hash(String token) {
		return Sha256.hex(token);
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Found(long id, TokenScope scope, @Nullable Instant expiresAt, @Nullable Instant lastUsedAt,
			RosterPrincipal principal, UserStatus status) {

		boolean usableAt(Instant now) {
			return this.status == UserStatus.ACTIVE && (this.expiresAt == null || this.expiresAt.isAfter(now));
		}

	}

}
