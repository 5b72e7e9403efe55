package org.roster.user;

import java.util.Map;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Lets one set of migrations serve H2 and PostgreSQL: only PostgreSQL needs the pattern
 * operator class for prefix searches to use an index.
 */
@Component
class RosterFlywayCustomizer implements FlywayConfigurationCustomizer {

	@Override
	public void customize(FluentConfiguration configuration) {
		String url = jdbcUrl(configuration);
		boolean postgres = DatabaseDriver.fromJdbcUrl(url) == DatabaseDriver.POSTGRESQL;
		configuration.placeholders(Map.of("pattern_ops", postgres ? "varchar_pattern_ops" : ""));
	}

	private static String jdbcUrl(FluentConfiguration configuration) {
		try {
			return JdbcUtils.extractDatabaseMetaData(configuration.getDataSource(), (meta) -> meta.getURL());
		}
		catch (Exception ex) {
			return "";
		}
	}

}
