package org.roster.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the activity log. An event is one insert on the caller's connection, so it
 * commits or rolls back with the change it records; outside a transaction it commits on
 * its own. The actor is the signed-in user of the security context unless the entry says
 * otherwise ("anonymous" for a request without one, "system" outside requests); the
 * client address and user agent are the current request's (the address as the
 * trusted-proxy rules resolved it).
 * <p>
 * Details are small JSON; callers pass field names, reasons and labels, never a password,
 * token or secret.
 */
@Service
public class ActivityLog {

	static final String ANONYMOUS = "anonymous";

	static final String SYSTEM = "system";

	private static final int USER_AGENT_LENGTH = 200;

	private static final int DETAILS_LENGTH = 2000;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final ActivityEvents events;

	ActivityLog(JdbcTemplate jdbc, JsonMapper json, ActivityEvents events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	/**
	 * The user's latest security events (sign-ins, password and address changes, ...).
	 */
	public List<ActivityView> recentSecurityEvents(long userId) {
		return this.events.recentSecurityEvents(userId, 10);
	}

	/** A new event of this action; {@link ActivityEntry#save()} writes it. */
	public ActivityEntry record(Action action) {
		return new ActivityEntry(this, action);
	}

	void write(ActivityEntry entry) {
		HttpServletRequest request = currentRequest();
		Actor actor = actor(entry, request);
		String address = (request != null) ? request.getRemoteAddr() : null;
		String userAgent = (request != null) ? trimmed(request.getHeader("User-Agent"), USER_AGENT_LENGTH) : null;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		String targetName = entry.targetName();
		if (targetName == null && entry.targetId() != null) {
			targetName = this.jdbc.query("SELECT username FROM users WHERE id = ?",
					(rows) -> rows.next() ? rows.getString(1) : null, entry.targetId());
		}
		this.jdbc.update(
				"INSERT INTO audit_events (occurred_at, actor_id, actor_name, action, target_id, target_name,"
						+ " client_address, user_agent, outcome, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				Timestamp.from(now), actor.id(), actor.name(), entry.action().code(), entry.targetId(), targetName,
				trimmed(address, 45), userAgent, entry.failed() ? "failure" : "success", details(entry.details()));
	}

	private Actor actor(ActivityEntry entry, @Nullable HttpServletRequest request) {
		if (entry.actorName() != null) {
			return new Actor(entry.actorId(), entry.actorName());
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ActingUser user) {
			return new Actor(user.id(), user.username());
		}
		return new Actor(null, (request != null) ? ANONYMOUS : SYSTEM);
	}

	private @Nullable String details(Map<String, Object> details) {
		if (details.isEmpty()) {
			return null;
		}
		String text = this.json.writeValueAsString(details);
		if (text.length() <= DETAILS_LENGTH) {
			return text;
		}
		// Never cut JSON in the middle: say what was too long instead.
		Map<String, Object> shortened = new LinkedHashMap<>();
		shortened.put("truncated", true);
		shortened.put("keys", details.keySet());
		return trimmed(this.json.writeValueAsString(shortened), DETAILS_LENGTH);
	}

	private static @Nullable HttpServletRequest currentRequest() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		return (attributes instanceof ServletRequestAttributes servlet) ? servlet.getRequest() : null;
	}

	private static @Nullable String trimmed(@Nullable String value, int length) {
		if (value == null) {
			return null;
		}
		return (value.length() > length) ? value.substring(0, length) : value;
	}

	private record Actor(@Nullable Long id, String name) {
	}

}
