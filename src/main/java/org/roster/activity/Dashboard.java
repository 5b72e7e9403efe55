package org.roster.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.roster.storage.Databases;
import org.roster.user.UserStatistics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The admins' dashboard figures: the users by state, sign-ups, sign-ins and failed
 * sign-ins per UTC day over 30 days, and the addresses with the most failed sign-ins in
 * the last 7 days. The days come from the roll-ups ({@link ActivityUpkeep}) plus the few
 * events since the roll-up's position, counted on the time index: never a scan of the
 * log.
 */
@Component
class Dashboard {

	static final int DAYS = 30;

	static final int FAILURE_DAYS = 7;

	static final int TOP_ADDRESSES = 10;

	private final JdbcTemplate jdbc;

	private final UserStatistics users;

	private final boolean postgres;

	Dashboard(JdbcTemplate jdbc, UserStatistics users) {
		this.jdbc = jdbc;
		this.postgres = Databases.isPostgres(jdbc.getDataSource());
		this.users = users;
	}

	@Transactional(readOnly = true)
	Figures figures(Instant now) {
		LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
		LocalDate first = today.minusDays(DAYS - 1);
		Map<LocalDate, long[]> days = new LinkedHashMap<>();
		for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			days.put(day, new long[3]);
		}
		this.jdbc.query("SELECT event_day, action, outcome, n FROM audit_daily WHERE event_day >= ? AND action IN"
				+ " ('registration', 'sign-in')", (row) -> {
					count(days, row.getObject(1, LocalDate.class), row.getString(2), row.getString(3), row.getLong(4));
				}, first);
		Map<String, Long> recent = new HashMap<>();
		LocalDate failuresFrom = today.minusDays(FAILURE_DAYS - 1);
		addRecentEvents(now, days, recent, failuresFrom);
		Map<String, Long> failures = rolledUpFailures(failuresFrom, recent.keySet());
		recent.forEach((address, n) -> failures.merge(address, n, Long::sum));
		List<Day> series = new ArrayList<>();
		days.forEach((day, n) -> series.add(new Day(day, n[0], n[1], n[2])));
		List<Address> top = failures.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(TOP_ADDRESSES)
			.map((entry) -> new Address(entry.getKey(), entry.getValue()))
			.toList();
		return new Figures(this.users.at(now), series, top);
	}

	/**
	 * The roll-up's failures since {@code from} of the addresses that can still be among
	 * the top ones once the recent events are added: the top {@value #TOP_ADDRESSES} plus
	 * one per recent address (an address without recent failures keeps its rank among
	 * those without), and the recent addresses themselves. The database sums and ranks
	 * the week's rows (tens of thousands under a password-spraying attack) and sends a
	 * few; ties are broken by the address, as the final ranking breaks them ("C" order on
	 * PostgreSQL is Java's for these ASCII strings).
	 */
	private Map<String, Long> rolledUpFailures(LocalDate from, Set<String> recentAddresses) {
		Map<String, Long> failures = new HashMap<>();
		this.jdbc.query("SELECT client_address, SUM(n) AS failures FROM audit_daily_failures WHERE event_day >= ?"
				+ " GROUP BY client_address ORDER BY failures DESC, client_address"
				+ (this.postgres ? " COLLATE \"C\"" : "") + " FETCH FIRST ? ROWS ONLY", (row) -> {
					failures.put(row.getString(1), row.getLong(2));
				}, from, TOP_ADDRESSES + recentAddresses.size());
		List<String> others = recentAddresses.stream().filter((address) -> !failures.containsKey(address)).toList();
		for (int start = 0; start < others.size(); start += 500) {
			List<String> batch = others.subList(start, Math.min(others.size(), start + 500));
			List<Object> params = new ArrayList<>(batch);
			params.add(0, from);
			this.jdbc.query("SELECT client_address, SUM(n) FROM audit_daily_failures WHERE event_day >= ? AND"
					+ " client_address IN (" + String.join(", ", Collections.nCopies(batch.size(), "?"))
					+ ") GROUP BY client_address", (row) -> {
						failures.put(row.getString(1), row.getLong(2));
					}, params.toArray());
		}
		return failures;
	}

	/** The events the roll-up has not reached yet, one UTC day window at a time. */
	private void addRecentEvents(Instant now, Map<LocalDate, long[]> days, Map<String, Long> failures,
			LocalDate failuresFrom) {
		Instant position = this.jdbc.queryForObject("SELECT position FROM audit_jobs WHERE name = 'rollup'",
				(row, n) -> row.getObject(1, OffsetDateTime.class).toInstant());
		LocalDate first = days.keySet().iterator().next();
		Instant start = position;
		if (start.isBefore(first.atStartOfDay(ZoneOffset.UTC).toInstant())) {
			start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		while (start.isBefore(now)) {
			LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate();
			Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
			Timestamp from = Timestamp.from(start);
			Timestamp to = Timestamp.from(end);
			this.jdbc.query(
					"SELECT action, outcome, COUNT(*) FROM audit_events WHERE occurred_at >= ?"
							+ " AND occurred_at < ? AND action IN ('registration', 'sign-in') GROUP BY action, outcome",
					(row) -> {
						count(days, day, row.getString(1), row.getString(2), row.getLong(3));
					}, from, to);
			if (!day.isBefore(failuresFrom)) {
				this.jdbc.query("SELECT client_address, COUNT(*) FROM audit_events WHERE action = 'sign-in'"
						+ " AND outcome = 'failure' AND occurred_at >= ? AND occurred_at < ?"
						+ " AND client_address IS NOT NULL GROUP BY client_address", (row) -> {
							failures.merge(row.getString(1), row.getLong(2), Long::sum);
						}, from, to);
			}
			start = end;
		}
	}

	private static void count(Map<LocalDate, long[]> days, LocalDate day, String action, String outcome, long n) {
		long[] figures = days.get(day);
		if (figures == null) {
			return;
		}
		if (action.equals("registration") && outcome.equals("success")) {
			figures[0] += n;
		}
		else if (action.equals("sign-in")) {
			figures[outcome.equals("success") ? 1 : 2] += n;
		}
	}

	/** What the page and {@code GET /dashboard} as JSON show. */
	record Figures(UserStatistics.Figures users, List<Day> days, List<Address> failingAddresses) {
	}

	record Day(LocalDate day, long signUps, long signIns, long failures) {
	}

	record Address(String address, long failures) {
	}

}
