package org.roster.cli;

import org.flywaydb.core.Flyway;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * In one-shot commands nothing migrates behind the command's back: {@code db init} must
 * see an empty database as empty, and each command decides when to migrate.
 */
@Component
@ConditionalOnProperty(name = "roster.cli", havingValue = "true")
class CliMigrationStrategy implements FlywayMigrationStrategy {

	@Override
	public void migrate(Flyway flyway) {
	}

}
