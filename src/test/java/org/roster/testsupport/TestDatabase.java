package org.roster.testsupport;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * Small helpers for tests that look at the database directly: which database this is,
 * counting rows, emptying the tables between tests.
 */
public final class TestDatabase {

	/** The system property that switches the PostgreSQL suite on. */
	public static final String POSTGRES_SWITCH = "roster.test.postgres";

	private final JdbcTemplate jdbc;

	private final boolean postgres;

	public TestDatabase(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			this.postgres = product.toLowerCase(Locale.ROOT).contains("postgres");
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the database metadata", ex);
		}
	}

	public boolean isPostgres() {
		return this.postgres;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	public int count(String table) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
		return (count != null) ? count : 0;
	}

	public int count(String table, String where, Object... args) {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + where, Integer.class,
				args);
		return (count != null) ? count : 0;
	}

	/** Removes all users (profiles go with them by cascade) and sessions. */
	public void deleteAllUsers() {
		this.jdbc.update("DELETE FROM SPRING_SESSION");
		this.jdbc.update("DELETE FROM users");
		// The log keeps the events of deleted accounts; a test starts from none.
		this.jdbc.update("DELETE FROM audit_events");
		this.jdbc.update("DELETE FROM audit_daily");
		this.jdbc.update("DELETE FROM audit_daily_failures");
	}

}
