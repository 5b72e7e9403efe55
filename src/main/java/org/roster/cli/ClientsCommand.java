package org.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "clients", mixinStandardHelpOptions = true,
		description = "Applications that sign their users in through Roster (OpenID Connect).",
		subcommands = { ClientsCreateCommand.class, ClientsListCommand.class, ClientsDeleteCommand.class })
class ClientsCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: create, list or delete.");
	}

}
