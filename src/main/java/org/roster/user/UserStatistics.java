package org.roster.user;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The number of users by state, for the admins' dashboard: the totals from
 * {@code user_counts} (kept by triggers), the locked and invited accounts from their
 * indexes, so the cost does not grow with the number of users.
 */
@Component
public class UserStatistics {

	private final JdbcTemplate jdbc;

	UserStatistics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public Figures at(Instant now) {
		long[] totals = this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(n), 0)," + " COALESCE(SUM(CASE WHEN status = 'ACTIVE' THEN n ELSE 0 END), 0),"
						+ " COALESCE(SUM(CASE WHEN status = 'SUSPENDED' THEN n ELSE 0 END), 0),"
						+ " COALESCE(SUM(CASE WHEN email_verified THEN 0 ELSE n END), 0) FROM user_counts",
				(row, n) -> new long[] { row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4) });
		Long locked = this.jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE locked_until > ?", Long.class,
				Timestamp.from(now));
		Long invited = this.jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE invited = TRUE", Long.class);
		return new Figures(totals[0], totals[1], totals[2], totals[3], (locked != null) ? locked : 0,
				(invited != null) ? invited : 0);
	}

	/**
	 * @param unverified accounts whose address is not confirmed (invited ones included)
	 * @param invited invited accounts whose owner has not chosen a password yet
	 */
	public record Figures(long total, long active, long suspended, long unverified, long lockedNow, long invited) {
	}

}
