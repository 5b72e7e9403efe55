package org.roster.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "ftp", mixinStandardHelpOptions = true, description = "The avatar image store.",
		subcommands = FtpCheckCommand.class)
class FtpCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new ParameterException(this.spec.commandLine(), "Missing command: check.");
	}

}
