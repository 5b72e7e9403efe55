package org.roster.cli;

import java.io.PrintStream;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

final class Migrations {

	private Migrations() {
	}

	/**
	 * Migrates and prints one line per applied version; returns how many were applied.
	 */
	static int apply(Flyway flyway, PrintStream out) {
		MigrateResult result = flyway.migrate();
		for (MigrateOutput migration : result.migrations) {
			out.println("Applied V" + migration.version + " " + migration.description);
		}
		return result.migrationsExecuted;
	}

}
