package org.roster.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.roster.avatar.AvatarPaths;
import org.roster.storage.Databases;
import org.roster.user.Role;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches, filters, sorts and pages users in the database, never in memory. The prefix
 * search is a union of three index range scans (username, email, full name), so its cost
 * follows the matches, not the number of users.
 */
@Component
class UserDirectory {

	private static final String MATCHES = """
			select id from users where username_key like ? escape '\\'
			union select id from users where email like ? escape '\\'
			union select user_id from user_profiles where full_name_key like ? escape '\\'""";

	/** Rows a walk of the sort index may expect to read for one page ({@link #walk}). */
	static final int WALK_LIMIT = 50_000;

	/** Matches counted exactly in each index before a total becomes "more than" this. */
	static final int COUNT_BOUND = 1000;

	private static final String BOUNDED_COUNT = """
			with a as (select id from users where username_key like ? escape '\\' limit %1$d),
			     b as (select id from users where email like ? escape '\\' limit %1$d),
			     c as (select user_id as id from user_profiles where full_name_key like ? escape '\\' limit %1$d)
			select (select count(*) from a), (select count(*) from b), (select count(*) from c),
			       (select count(*) from (select id from a union select id from b union select id from c) m)"""
		.formatted(COUNT_BOUND + 1);

	private final JdbcClient jdbc;

	private final boolean postgres;

	private final JdbcTemplate streaming;

	private final int walkLimit;

	@Autowired
	UserDirectory(JdbcClient jdbc, DataSource dataSource) {
		this(jdbc, dataSource, WALK_LIMIT);
	}

	/**
	 * @param walkLimit 0 never walks the sort index, a huge one always does (tests)
	 */
	UserDirectory(JdbcClient jdbc, DataSource dataSource, int walkLimit) {
		this.walkLimit = walkLimit;
		this.jdbc = jdbc;
		this.postgres = Databases.isPostgres(dataSource);
		this.streaming = new JdbcTemplate(dataSource);
		// PostgreSQL sends rows in batches of this size inside a transaction, instead of
		// the whole result at once.
		this.streaming.setFetchSize(500);
	}

	@Transactional(readOnly = true)
	UserPage find(UserListQuery query) {
		Filter filter = filter(query);
		String where = filter.where();
		List<Object> params = filter.params();
		Total counted = total(query, where, params);
		long total = counted.value();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(query.size());
		pageParams.add(query.offset());
		String order = order(query);
		if (walksTheSortIndex(query, total)) {
			return new UserPage(walk(query, order), query.page(), query.size(), total, counted.exact());
		}
		// The page is cut before the profiles are joined, so only its rows are looked up.
		String sql = """
				select u.id, u.username, u.email, u.email_verified, u.invited, u.role, u.status, u.failed_logins,
				       u.locked_until, u.created_at, u.last_login_at, u.version, p.full_name, p.image
				from (select * from users u %s %s limit ? offset ?) u
				left join user_profiles p on p.user_id = u.id %s""".formatted(where, order, order);
		List<UserListItem> items = this.jdbc.sql(sql).params(pageParams).query(UserDirectory::item).list();
		return new UserPage(items, query.page(), query.size(), total, counted.exact());
	}

	/**
	 * Whether a search matches so many users that reading them in the list's order (its
	 * sort index) and keeping those that match reaches the page sooner than looking every
	 * match up: a first name among a million users matches one in 64, so the newest 20
	 * come after some 1 300 rows, where the lookups would read and sort 15 000. A narrow
	 * search keeps the lookups, which the walk would need most of the table for. A total
	 * of "more than 1 000" is taken as 1 000: among a million users the walk then expects
	 * at most 20 000 rows for the first page, and in truth reads far fewer. Sorting by
	 * e-mail has no index with the id tie-breaker to walk.
	 */
	private boolean walksTheSortIndex(UserListQuery query, long total) {
		if (query.q().isEmpty() || total == 0 || query.sortColumn().equals("u.email")) {
			return false;
		}
		long users = this.jdbc.sql("select coalesce(sum(n), 0) from user_counts").query(Long.class).single();
		return (query.offset() + query.size()) * (double) users / total <= this.walkLimit;
	}

	private List<UserListItem> walk(UserListQuery query, String order) {
		Filter filter = filter(query, true);
		List<Object> params = new ArrayList<>(filter.params());
		params.add(query.size());
		params.add(query.offset());
		String sql = """
				select u.id, u.username, u.email, u.email_verified, u.invited, u.role, u.status, u.failed_logins,
				       u.locked_until, u.created_at, u.last_login_at, u.version, p.full_name, p.image
				from users u left join user_profiles p on p.user_id = u.id %s %s limit ? offset ?"""
			.formatted(filter.where(), order);
		return this.jdbc.sql(sql).params(params).query(UserDirectory::item).list();
	}

	/**
	 * Every user the list's filter matches, in its order, with their profiles, row by row
	 * as the database sends them (never all in memory).
	 */
	@Transactional(readOnly = true)
	void forEachMatching(UserListQuery query, RowCallbackHandler row) {
		Filter filter = filter(query);
		String order = order(query);
		String sql = """
				select u.id, u.username, u.email, u.email_verified, u.invited, u.role, u.status, u.created_at,
				       u.last_login_at, p.full_name, p.bio, p.address, p.zipcode, p.phone, p.email as contact_email,
				       p.website
				from users u left join user_profiles p on p.user_id = u.id %s %s""".formatted(filter.where(), order);
		this.streaming.query(sql, row, filter.params().toArray());
	}

	private static String order(UserListQuery query) {
		return " order by " + query.sortColumn() + " " + query.direction()
				+ (query.sortColumn().equals("u.last_login_at") ? " nulls last" : "") + ", u.id " + query.direction();
	}

	private Filter filter(UserListQuery query) {
		return filter(query, false);
	}

	/**
	 * @param walking the search as a condition on each row of users joined with its
	 * profile ({@code p}), for {@link #walk}, instead of a lookup of the matching ids
	 */
	private Filter filter(UserListQuery query, boolean walking) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (!query.q().isEmpty()) {
			if (walking) {
				conditions.add("(u.username_key like ? escape '\\' or u.email like ? escape '\\'"
						+ " or p.full_name_key like ? escape '\\')");
			}
			else {
				preferIndexLookups();
				conditions.add("u.id in (" + MATCHES + ")");
			}
			params.addAll(searchParams(query));
		}
		if (query.role() != null) {
			conditions.add("role = ?");
			params.add(query.role().name());
		}
		if (query.status() != null) {
			conditions.add("status = ?");
			params.add(query.status().name());
		}
		if (query.verified() != null) {
			conditions.add("email_verified = ?");
			params.add(query.verified());
		}
		// role, status and email_verified stay unqualified: the same condition then
		// filters users and user_counts.
		return new Filter(conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions), params);
	}

	private record Filter(String where, List<Object> params) {
	}

	/**
	 * Without a search the total comes from the per-role, status and verified counters
	 * that the database's triggers keep, so it costs the same at ten users and at a
	 * million. A search alone counts its matches up to {@link #COUNT_BOUND} in each of
	 * the three indexes: beyond that the total is "more than" the bound, so a broad
	 * prefix costs what a narrow one does instead of reading every match. A search with
	 * another filter counts exactly.
	 */
	private Total total(UserListQuery query, String where, List<Object> params) {
		if (query.q().isEmpty()) {
			return new Total(this.jdbc.sql("select coalesce(sum(n), 0) from user_counts" + where)
				.params(params)
				.query(Long.class)
				.single(), true);
		}
		if (query.role() == null && query.status() == null && query.verified() == null) {
			return this.jdbc.sql(BOUNDED_COUNT).params(searchParams(query)).query((rs, row) -> {
				boolean exact = rs.getLong(1) <= COUNT_BOUND && rs.getLong(2) <= COUNT_BOUND
						&& rs.getLong(3) <= COUNT_BOUND;
				return exact ? new Total(rs.getLong(4), true) : new Total(COUNT_BOUND, false);
			}).single();
		}
		return new Total(
				this.jdbc.sql("select count(*) from users u" + where).params(params).query(Long.class).single(), true);
	}

	/**
	 * @param exact false: more than {@code value} users match
	 */
	private record Total(long value, boolean exact) {
	}

	/**
	 * PostgreSQL's default cost of a random page read models a spinning disk; with it, a
	 * broad prefix (ten thousand matches among a million users) is joined by reading
	 * every user (0.5 s) instead of looking the matches up by key (40 ms). And a search
	 * is planned for its prefix every time: after five runs of a prepared statement the
	 * driver's server-side plan may become a generic one, which cannot know the range a
	 * {@code LIKE ?} reads and sorts the whole table instead. The settings last until the
	 * end of this read-only transaction.
	 */
	private void preferIndexLookups() {
		if (this.postgres) {
			this.jdbc.sql("set local random_page_cost = 1.1").update();
			this.jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
		}
	}

	private static List<Object> searchParams(UserListQuery query) {
		String prefix = likePrefix(query.q());
		return List.of(prefix, prefix, prefix);
	}

	/** Lower-cased, with LIKE's wildcards escaped so they match literally. */
	static String likePrefix(String q) {
		return q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
	}

	private static UserListItem item(ResultSet rs, int row) throws SQLException {
		long id = rs.getLong("id");
		Instant lockedUntil = instant(rs, "locked_until");
		return new UserListItem(id, rs.getString("username"), rs.getString("email"), rs.getBoolean("email_verified"),
				rs.getBoolean("invited"), nonNull(rs.getString("full_name")), Role.valueOf(rs.getString("role")),
				UserStatus.valueOf(rs.getString("status")), rs.getInt("failed_logins"), lockedUntil,
				lockedUntil != null && lockedUntil.isAfter(Instant.now()), instant(rs, "created_at"),
				instant(rs, "last_login_at"), rs.getLong("version"), AvatarPaths.of(id, rs.getString("image")));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/**
	 * Which of these lower-case username keys ({@code "username_key"}) or addresses
	 * ({@code "email"}) accounts have: a CSV import checks thousands at once, in batches
	 * of 500 rather than one query a row.
	 */
	Set<String> existing(String column, Collection<String> values) {
		if (!"username_key".equals(column) && !"email".equals(column)) {
			throw new IllegalArgumentException(column);
		}
		Set<String> found = new HashSet<>();
		List<String> all = List.copyOf(new LinkedHashSet<>(values));
		for (int from = 0; from < all.size(); from += 500) {
			found.addAll(this.jdbc.sql("select " + column + " from users where " + column + " in (:values)")
				.param("values", all.subList(from, Math.min(all.size(), from + 500)))
				.query(String.class)
				.list());
		}
		return found;
	}

	private static String nonNull(String value) {
		return (value != null) ? value : "";
	}

}
