package org.roster.activity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log's two jobs, each step a short transaction that first locks the job's row in
 * {@code audit_jobs} ({@code FOR UPDATE SKIP LOCKED}): a node that finds it locked leaves
 * the work to the node that holds it, so one node at a time does each, and no step locks
 * more than the rows it touches.
 * <ul>
 * <li>The roll-up adds the events since its position to {@code audit_daily} and
 * {@code audit_daily_failures}, a UTC day at most per step, up to a minute ago (a
 * change's transaction commits well within it, so no event is counted twice or
 * missed).</li>
 * <li>The retention deletes events older than {@code roster.audit.retention}, 1 000 per
 * step, oldest first, and the daily figures of the same age.</li>
 * </ul>
 */
@Component
class ActivityUpkeep {

	static final int BATCH = 1000;

	/** How far behind the present the roll-up stays. */
	static final Duration SETTLE = Duration.ofMinutes(1);

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	ActivityUpkeep(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/** Rolls up everything older than a minute; the number of steps taken. */
	int rollUp(Instant now) {
		int steps = 0;
		while (Boolean.TRUE.equals(this.transactions.execute((status) -> rollUpStep(now)))) {
			steps++;
		}
		return steps;
	}

	/** Deletes what is past the retention; the number of events deleted. */
	long deleteExpired(Instant now, Duration retention) {
		Instant cutoff = now.minus(retention);
		long deleted = 0;
		Integer batch;
		do {
			batch = this.transactions.execute((status) -> deleteStep(cutoff));
			deleted += (batch != null) ? batch : 0;
		}
		while (batch != null && batch == BATCH);
		return deleted;
	}

	/**
	 * One day's step at most; false when there is nothing more to do (or another node
	 * does it).
	 */
	private boolean rollUpStep(Instant now) {
		Instant position = lock("rollup");
		if (position == null) {
			return false;
		}
		LocalDate day = position.atOffset(ZoneOffset.UTC).toLocalDate();
		Instant dayEnd = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant settled = now.minus(SETTLE);
		Instant upTo = settled.isBefore(dayEnd) ? settled : dayEnd;
		if (!upTo.isAfter(position)) {
			return false;
		}
		Timestamp from = Timestamp.from(position);
		Timestamp to = Timestamp.from(upTo);
		this.jdbc.query("SELECT action, outcome, COUNT(*) FROM audit_events WHERE occurred_at >= ? AND occurred_at < ?"
				+ " GROUP BY action, outcome", (row) -> {
					add("audit_daily", "action = ? AND outcome = ?", day, row.getLong(3), row.getString(1),
							row.getString(2));
				}, from, to);
		this.jdbc.query("SELECT client_address, COUNT(*) FROM audit_events WHERE action = 'sign-in'"
				+ " AND outcome = 'failure' AND occurred_at >= ? AND occurred_at < ? AND client_address IS NOT NULL"
				+ " GROUP BY client_address", (row) -> {
					add("audit_daily_failures", "client_address = ?", day, row.getLong(2), row.getString(1));
				}, from, to);
		this.jdbc.update("UPDATE audit_jobs SET position = ? WHERE name = 'rollup'", to);
		return true;
	}

	private int deleteStep(Instant cutoff) {
		if (lock("retention") == null) {
			return 0;
		}
		Timestamp before = Timestamp.from(cutoff);
		int deleted = this.jdbc.update(
				"DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events"
						+ " WHERE occurred_at < ? ORDER BY occurred_at, id FETCH FIRST " + BATCH + " ROWS ONLY)",
				before);
		if (deleted < BATCH) {
			LocalDate lastDay = cutoff.atOffset(ZoneOffset.UTC).toLocalDate();
			this.jdbc.update("DELETE FROM audit_daily WHERE event_day < ?", lastDay);
			this.jdbc.update("DELETE FROM audit_daily_failures WHERE event_day < ?", lastDay);
		}
		this.jdbc.update("UPDATE audit_jobs SET position = ? WHERE name = 'retention'", Timestamp.from(Instant.now()));
		return deleted;
	}

	/**
	 * The job's position, its row locked until the commit; null when another node holds
	 * it.
	 */
	private @Nullable Instant lock(String job) {
		List<OffsetDateTime> rows = this.jdbc.query(
				"SELECT position FROM audit_jobs WHERE name = ? FOR UPDATE SKIP LOCKED",
				(row, n) -> row.getObject(1, OffsetDateTime.class), job);
		return rows.isEmpty() ? null : rows.get(0).toInstant();
	}

	/**
	 * Adds {@code n} to the day's row of the key, made if missing (the job's lock is
	 * held).
	 */
	private void add(String table, String key, LocalDate day, long n, Object... keyValues) {
		Object[] params = new Object[keyValues.length + 2];
		params[0] = n;
		params[1] = day;
		System.arraycopy(keyValues, 0, params, 2, keyValues.length);
		if (this.jdbc.update("UPDATE " + table + " SET n = n + ? WHERE event_day = ? AND " + key, params) == 0) {
			String columns = key.replace(" = ? AND ", ", ").replace(" = ?", "");
			Object[] insert = new Object[keyValues.length + 2];
			insert[0] = day;
			System.arraycopy(keyValues, 0, insert, 1, keyValues.length);
			insert[insert.length - 1] = n;
			this.jdbc.update("INSERT INTO " + table + " (event_day, " + columns + ", n) VALUES (?, "
					+ "?, ".repeat(keyValues.length) + "?)", insert);
		}
	}

}
