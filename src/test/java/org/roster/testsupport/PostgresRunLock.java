package org.roster.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.springframework.core.env.Environment;

/**
 * Several working copies on one machine share the PostgreSQL test database, and each test
 * class cleans it: one test JVM at a time may use it. The first PostgreSQL context of a
 * JVM (or a test that starts applications itself, before it cleans the schema) takes a
 * session-level advisory lock on its own connection and keeps it until the JVM exits (the
 * server releases it when the connection closes, also after a crash).
 */
public final class PostgresRunLock {

	private static final long LOCK_KEY = 0x526f737465725465L; // "RosterTe"

	private static Connection holder;

	private PostgresRunLock() {
	}

	public static synchronized void acquire(Environment environment) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (holder != null || !url.startsWith("jdbc:postgresql:")) {
			return;
		}
		try {
			Connection connection = DriverManager.getConnection(url,
					environment.getProperty("spring.datasource.username"),
					environment.getProperty("spring.datasource.password"));
			try (Statement statement = connection.createStatement()) {
				if (!tryLock(statement)) {
					System.err
						.println("[roster tests] another test run is using " + url + "; waiting for it to finish");
					statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
				}
			}
			holder = connection;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot lock the PostgreSQL test database " + url + ": " + ex.getMessage(),
					ex);
		}
	}

	private static boolean tryLock(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
			return result.next() && result.getBoolean(1);
		}
	}

}
