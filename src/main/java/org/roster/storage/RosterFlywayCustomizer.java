package org.roster.storage;

import java.util.Map;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lets one set of migrations serve H2 and PostgreSQL: only PostgreSQL needs the pattern
 * operator class for prefix searches to use an index, and each names its random UUID
 * function differently.
 */
@Component
class RosterFlywayCustomizer implements FlywayConfigurationCustomizer {

	@Override
	public void customize(FluentConfiguration configuration) {
		boolean postgres = Databases.isPostgres(configuration.getDataSource());
		configuration.placeholders(Map.of("pattern_ops", postgres ? "varchar_pattern_ops" : "", "random_uuid",
				postgres ? "CAST(gen_random_uuid() AS VARCHAR(36))" : "CAST(RANDOM_UUID() AS VARCHAR(36))"));
	}

}
