package org.roster.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One {@code ./manage} invocation run in-process, as {@code RosterApplication.main}
 * would, with {@code roster.data-dir} pointing at a test folder (what
 * {@code ROSTER_DATA_DIR} does for the script) and standard streams captured. Not
 * thread-safe: the streams and system properties are global.
 */
record CliRun(int exitCode, String out, String err) {

	private static final String[] ISOLATED_PROPERTIES = { "roster.data-dir", "spring.datasource.url",
			"spring.datasource.username", "spring.datasource.password" };

	static CliRun manage(Path dataDir, String stdin, String... args) {
		return run(dataDir, stdin, Optional::empty, args);
	}

	/**
	 * As if typed on a terminal: each prompt takes the next answer (null when they run
	 * out, as at the end of input); prompts and messages go to {@code out}.
	 */
	static CliRun answering(Path dataDir, List<String> answers, String... args) {
		return run(dataDir, null, () -> Optional.of(new ScriptedTerminal(answers.iterator())), args);
	}

	private static CliRun run(Path dataDir, String stdin, Supplier<Optional<Prompter>> terminal, String... args) {
		Map<String, String> saved = new HashMap<>();
		for (String name : ISOLATED_PROPERTIES) {
			saved.put(name, System.getProperty(name));
			System.clearProperty(name);
		}
		System.setProperty("roster.data-dir", dataDir.toString());
		if (System.getenv("SPRING_DATASOURCE_URL") != null) {
			// A developer's shell pointing the app elsewhere must not redirect the test.
			System.setProperty("spring.datasource.url",
					"jdbc:h2:file:" + dataDir.resolve("roster") + ";AUTO_SERVER=TRUE");
		}
		PrintStream originalOut = System.out;
		PrintStream originalErr = System.err;
		InputStream originalIn = System.in;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		try {
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
			System.setIn(new ByteArrayInputStream(((stdin != null) ? stdin : "").getBytes(StandardCharsets.UTF_8)));
			int exitCode = ManageCommandLine.run(terminal, args);
			return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			System.setOut(originalOut);
			System.setErr(originalErr);
			System.setIn(originalIn);
			saved.forEach((name, value) -> {
				if (value != null) {
					System.setProperty(name, value);
				}
				else {
					System.clearProperty(name);
				}
			});
		}
	}

	/**
	 * The H2 file database {@code ./manage} uses in that data folder (after the command
	 * closed it).
	 */
	static Connection openDatabase(Path dataDir) throws SQLException {
		return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("roster") + ";AUTO_SERVER=TRUE", "sa", "");
	}

	@Override
	public String toString() {
		return "exit " + this.exitCode + "\n--- stdout ---\n" + this.out + "--- stderr ---\n" + this.err;
	}

	private record ScriptedTerminal(Iterator<String> answers) implements Prompter {

		@Override
		public String readLine(String prompt) {
			System.out.println(prompt);
			return this.answers.hasNext() ? this.answers.next() : null;
		}

		@Override
		public char[] readPassword(String prompt) {
			String answer = readLine(prompt);
			return (answer != null) ? answer.toCharArray() : null;
		}

		@Override
		public void say(String message) {
			System.out.println(message);
		}

	}

}
