package org.roster.cli;

import java.io.Console;
import java.util.Optional;

/**
 * Where {@code create_admin} asks its questions: the terminal (the password not echoed),
 * or scripted answers in tests. Each read returns null at the end of the input.
 */
interface Prompter {

	String readLine(String prompt);

	char[] readPassword(String prompt);

	/** Says why an answer was refused, before the question is asked again. */
	void say(String message);

	/** The terminal, when the command runs on one. */
	static Optional<Prompter> terminal() {
		Console console = System.console();
		return (console != null) ? Optional.of(new ConsolePrompter(console)) : Optional.empty();
	}

	record ConsolePrompter(Console console) implements Prompter {

		@Override
		public String readLine(String prompt) {
			return this.console.readLine("%s", prompt);
		}

		@Override
		public char[] readPassword(String prompt) {
			return this.console.readPassword("%s", prompt);
		}

		@Override
		public void say(String message) {
			this.console.writer().println(message);
			this.console.flush();
		}

	}

}
