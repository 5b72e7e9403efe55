package org.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "users", mixinStandardHelpOptions = true, description = "User accounts.",
		subcommands = UsersInviteCommand.class)
class UsersCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: invite.");
	}

}
