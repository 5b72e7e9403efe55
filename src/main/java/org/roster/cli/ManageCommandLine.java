package org.roster.cli;

import java.util.Optional;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Runs {@code ./manage}: exit 0 on success, 1 on an error (one line, no stack trace), 2
 * on wrong usage.
 */
public final class ManageCommandLine {

	private ManageCommandLine() {
	}

	public static int run(String... args) {
		return run(Prompter::terminal, args);
	}

	static int run(Supplier<Optional<Prompter>> terminal, String... args) {
		CommandLine commandLine = new CommandLine(new ManageCommand(), factory(terminal));
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			cmd.getErr().println("error: " + CliErrors.oneLine(ex));
			return 1;
		});
		return commandLine.execute(args);
	}

	private static IFactory factory(Supplier<Optional<Prompter>> terminal) {
		IFactory defaults = CommandLine.defaultFactory();
		return new IFactory() {

			@Override
			public <K> K create(Class<K> type) throws Exception {
				return (type == CreateAdminCommand.class) ? type.cast(new CreateAdminCommand(terminal))
						: defaults.create(type);
			}

		};
	}

}
