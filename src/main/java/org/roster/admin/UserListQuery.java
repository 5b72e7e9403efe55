package org.roster.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.roster.user.Role;
import org.roster.user.UserStatus;

/**
 * The admin list's query string, checked: unknown sort fields, directions, roles,
 * statuses, a {@code verified} other than {@code true} or {@code false}, or out-of-range
 * numbers raise {@link BadQueryException} (400), never a 500.
 */
record UserListQuery(String q, Role role, UserStatus status, Boolean verified, String sort, boolean descending,
		int page, int size) {

	static final int MAX_SIZE = 100;

	static final int DEFAULT_SIZE = 20;

	static final int MAX_QUERY_LENGTH = 254;

	/** Sort field → column: a whitelist, so no client text ever reaches the SQL. */
	static final Map<String, String> SORT_COLUMNS = Map.of("username", "u.username_key", "email", "u.email",
			"createdAt", "u.created_at", "lastLoginAt", "u.last_login_at");

	static UserListQuery parse(String q, String role, String status, String verified, String sort, String dir,
			String page, String size) {
		String search = (q != null) ? q.strip() : "";
		if (search.length() > MAX_QUERY_LENGTH) {
			throw new BadQueryException("q", "problem.invalid-query.tooLong", MAX_QUERY_LENGTH);
		}
		String sortField = blank(sort) ? "createdAt" : sort;
		if (!SORT_COLUMNS.containsKey(sortField)) {
			throw new BadQueryException("sort", "problem.invalid-query.sort");
		}
		String direction = blank(dir) ? (sortField.equals("createdAt") ? "desc" : "asc") : dir.toLowerCase(Locale.ROOT);
		if (!direction.equals("asc") && !direction.equals("desc")) {
			throw new BadQueryException("dir", "problem.invalid-query.dir");
		}
		return new UserListQuery(search, parseEnum(Role.class, "role", role),
				parseEnum(UserStatus.class, "status", status), parseBoolean("verified", verified), sortField,
				direction.equals("desc"), number("page", page, 0, 0, 1_000_000),
				number("size", size, DEFAULT_SIZE, 1, MAX_SIZE));
	}

	/** The page size the form leaves out of the address (public for the template). */
	public int defaultSize() {
		return DEFAULT_SIZE;
	}

	/** This list at another page (public for the template). */
	public String pageLink(int toPage) {
		return link(this.sort, this.descending, toPage);
	}

	/** All of this list as a CSV file (public for the template). */
	public String exportLink() {
		String all = link(this.sort, this.descending, 0).replaceAll("[?&]size=\\d+", "");
		return all + (all.contains("?") ? "&" : "?") + "format=csv";
	}

	/** This list in another order, from its first page (public for the template). */
	public String sortLink(String field, boolean inDescendingOrder) {
		return link(field, inDescendingOrder, 0);
	}

	/**
	 * The list's address with only the parameters that differ from their defaults, so
	 * links never carry {@code q=&role=} or {@code size=20}.
	 */
	private String link(String sortField, boolean inDescendingOrder, int toPage) {
		StringJoiner query = new StringJoiner("&", "/user_list?", "").setEmptyValue("/user_list");
		if (!this.q.isEmpty()) {
			query.add("q=" + URLEncoder.encode(this.q, StandardCharsets.UTF_8));
		}
		if (this.role != null) {
			query.add("role=" + this.role.name());
		}
		if (this.status != null) {
			query.add("status=" + this.status.name());
		}
		if (this.verified != null) {
			query.add("verified=" + this.verified);
		}
		boolean byCreation = sortField.equals("createdAt");
		if (!byCreation) {
			query.add("sort=" + sortField);
		}
		if (inDescendingOrder != byCreation) {
			query.add("dir=" + (inDescendingOrder ? "desc" : "asc"));
		}
		if (this.size != DEFAULT_SIZE) {
			query.add("size=" + this.size);
		}
		if (toPage > 0) {
			query.add("page=" + toPage);
		}
		return query.toString();
	}

	String sortColumn() {
		return SORT_COLUMNS.get(this.sort);
	}

	String direction() {
		return this.descending ? "desc" : "asc";
	}

	long offset() {
		return (long) this.page * this.size;
	}

	private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new BadQueryException(name, "problem.invalid-query.unknown", value);
		}
	}

	private static Boolean parseBoolean(String name, String value) {
		if (blank(value)) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new BadQueryException(name, "problem.invalid-query.boolean");
		};
	}

	private static int number(String name, String value, int fallback, int min, int max) {
		if (blank(value)) {
			return fallback;
		}
		try {
			int number = Integer.parseInt(value.strip());
			if (number < min || number > max) {
				throw new BadQueryException(name, "problem.invalid-query.range", min, max);
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new BadQueryException(name, "problem.invalid-query.number");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
