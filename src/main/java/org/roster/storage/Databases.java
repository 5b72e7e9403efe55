package org.roster.storage;

import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Which database Roster runs on, for the few places that speak to PostgreSQL and H2
 * differently (migration placeholders, planner settings).
 */
public final class Databases {

	private Databases() {
	}

	/** Whether the data source is PostgreSQL; false when it cannot tell. */
	public static boolean isPostgres(DataSource dataSource) {
		try {
			String url = JdbcUtils.extractDatabaseMetaData(dataSource, (meta) -> meta.getURL());
			return DatabaseDriver.fromJdbcUrl(url) == DatabaseDriver.POSTGRESQL;
		}
		catch (MetaDataAccessException ex) {
			return false;
		}
	}

}
