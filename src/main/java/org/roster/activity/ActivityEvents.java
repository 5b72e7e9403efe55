package org.roster.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the activity log, newest first, one keyset page at a time: every filter is an
 * equality or a range on an index that ends with {@code (occurred_at, id)}, so a page
 * costs the same at the first event and at the ten millionth. A user or actor named by a
 * current account is matched by id (their events under an earlier name included); any
 * other name (a deleted account, "system", "anonymous") by the name at the time.
 */
@Component
class ActivityEvents {

	private static final String COLUMNS = "id, occurred_at, actor_id, actor_name, action, target_id, target_name,"
			+ " client_address, user_agent, outcome, details";

	private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	private final JdbcTemplate streaming;

	private final UserService users;

	private final JsonMapper json;

	ActivityEvents(JdbcTemplate jdbc, DataSource dataSource, UserService users, JsonMapper json) {
		this.jdbc = jdbc;
		this.users = users;
		this.json = json;
		this.streaming = new JdbcTemplate(dataSource);
		// PostgreSQL streams (inside the read-only transaction) instead of loading all
		// rows.
		this.streaming.setFetchSize(500);
	}

	/** One page, and the cursor of the next one (null on the last page). */
	@Transactional(readOnly = true)
	Page page(ActivityQuery query) {
		Filter filter = filter(query, true);
		List<Object> params = new ArrayList<>(filter.params());
		params.add(query.size() + 1);
		List<ActivityView> rows = this.jdbc.query("SELECT " + COLUMNS + " FROM audit_events" + filter.where()
				+ " ORDER BY occurred_at DESC, id DESC FETCH FIRST ? ROWS ONLY", this::view, params.toArray());
		if (rows.size() <= query.size()) {
			return new Page(rows, null);
		}
		List<ActivityView> items = rows.subList(0, query.size());
		ActivityView last = items.get(items.size() - 1);
		return new Page(List.copyOf(items), ActivityQuery.Cursor.of(last.time(), last.id()).toString());
	}

	/** Every event of the filter (the cursor ignored), newest first, as they arrive. */
	@Transactional(readOnly = true)
	void forEach(ActivityQuery query, Consumer<ActivityView> each) {
		Filter filter = filter(query, false);
		this.streaming.query(
				"SELECT " + COLUMNS + " FROM audit_events" + filter.where() + " ORDER BY occurred_at DESC, id DESC",
				(ResultSet row) -> each.accept(view(row, 0)), filter.params().toArray());
	}

	/** The user's latest security events, for their profile. */
	@Transactional(readOnly = true)
	List<ActivityView> recentSecurityEvents(long userId, int limit) {
		String[] codes = Arrays.stream(Action.values())
			.filter(Action::isSecurity)
			.map(Action::code)
			.toArray(String[]::new);
		String placeholders = String.join(", ", Collections.nCopies(codes.length, "?"));
		List<Object> params = new ArrayList<>();
		params.add(userId);
		params.addAll(Arrays.asList(codes));
		params.add(limit);
		return this.jdbc.query("SELECT " + COLUMNS + " FROM audit_events WHERE target_id = ? AND action IN ("
				+ placeholders + ") ORDER BY occurred_at DESC, id DESC FETCH FIRST ? ROWS ONLY", this::view,
				params.toArray());
	}

	private Filter filter(ActivityQuery query, boolean withCursor) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		person(query.user(), "target", conditions, params);
		person(query.actor(), "actor", conditions, params);
		if (query.action() != null) {
			conditions.add("action = ?");
			params.add(query.action().code());
		}
		if (query.outcome() != null) {
			conditions.add("outcome = ?");
			params.add(query.outcome());
		}
		if (!query.address().isEmpty()) {
			conditions.add("client_address = ?");
			params.add(query.address());
		}
		if (query.fromTime() != null) {
			conditions.add("occurred_at >= ?");
			params.add(Timestamp.from(query.fromTime()));
		}
		if (query.toTime() != null) {
			conditions.add("occurred_at < ?");
			params.add(Timestamp.from(query.toTime()));
		}
		if (withCursor && query.before() != null) {
			conditions.add("(occurred_at, id) < (?, ?)");
			params.add(Timestamp.from(query.before().time()));
			params.add(query.before().id());
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		return new Filter(where, params);
	}

	private void person(String name, String column, List<String> conditions, List<Object> params) {
		if (name.isEmpty()) {
			return;
		}
		User user = this.users.findByLogin(name).orElse(null);
		if (user != null) {
			conditions.add(column + "_id = ?");
			params.add(user.getId());
		}
		else {
			conditions.add(column + "_name = ?");
			params.add(name);
		}
	}

	private ActivityView view(ResultSet row, int rowNumber) throws SQLException {
		String details = row.getString("details");
		return new ActivityView(row.getLong("id"), row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				nullableLong(row, "actor_id"), row.getString("actor_name"), row.getString("action"),
				nullableLong(row, "target_id"), row.getString("target_name"), row.getString("client_address"),
				row.getString("user_agent"), row.getString("outcome"),
				(details != null) ? this.json.readValue(details, DETAILS) : Map.of());
	}

	private static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
		long value = row.getLong(column);
		return row.wasNull() ? null : value;
	}

	record Page(List<ActivityView> items, @Nullable String next) {
	}

	private record Filter(String where, List<Object> params) {
	}

}
