package org.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "keys", mixinStandardHelpOptions = true,
		description = "The keys Roster signs ID and access tokens with (OpenID Connect provider).",
		subcommands = { KeysRotateCommand.class, KeysListCommand.class })
class KeysCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: rotate or list.");
	}

}
