package org.roster.cli;

import picocli.CommandLine;

/**
 * Runs {@code ./manage}: exit 0 on success, 1 on an error (one line, no stack trace), 2
 * on wrong usage.
 */
public final class ManageCommandLine {

	private ManageCommandLine() {
	}

	public static int run(String... args) {
		CommandLine commandLine = new CommandLine(new ManageCommand());
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			cmd.getErr().println("error: " + CliErrors.oneLine(ex));
			return 1;
		});
		return commandLine.execute(args);
	}

}
