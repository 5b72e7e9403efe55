package org.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "db", mixinStandardHelpOptions = true, description = "Database schema and the first admin.",
		subcommands = { DbInitCommand.class, DbMigrateCommand.class, CreateAdminCommand.class, RunServerCommand.class })
class DbCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(),
				"Missing command: init, migrate, create_admin or runserver.");
	}

}
