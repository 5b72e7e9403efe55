package org.roster.cli;

import picocli.CommandLine.Command;

@Command(name = "manage", mixinStandardHelpOptions = true, versionProvider = RosterVersion.class,
		description = "Roster's command line: database, first admin, users, applications, signing keys, server.",
		subcommands = { DbCommand.class, UsersCommand.class, ClientsCommand.class, KeysCommand.class,
				RunServerCommand.class, FtpCommand.class })
class ManageCommand implements Runnable {

	@picocli.CommandLine.Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		throw new picocli.CommandLine.ParameterException(this.spec.commandLine(), "Missing command.");
	}

}
