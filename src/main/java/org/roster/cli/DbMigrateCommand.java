package org.roster.cli;

import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;

@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = "Apply pending database migrations and print each one applied.")
class DbMigrateCommand implements Callable<Integer> {

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Flyway flyway = context.getBean(Flyway.class);
			int applied = Migrations.apply(flyway, System.out);
			if (applied == 0) {
				System.out
					.println("No pending migrations; schema at version " + flyway.info().current().getVersion() + ".");
			}
			return 0;
		}
	}

}
