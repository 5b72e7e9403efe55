package org.roster.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;

@Command(name = "init", mixinStandardHelpOptions = true,
		description = "Create the database schema on an empty database (does nothing on an initialised one).")
class DbInitCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Flyway flyway = context.getBean(Flyway.class);
			MigrationInfo current = flyway.info().current();
			if (current != null) {
				System.out.println("Database already initialised (schema version " + current.getVersion()
						+ "); nothing to do. Use 'db migrate' to apply newer migrations.");
				return 0;
			}
			Migrations.apply(flyway, System.out);
			System.out.println("Database initialised.");
			return 0;
		}
	}

}
