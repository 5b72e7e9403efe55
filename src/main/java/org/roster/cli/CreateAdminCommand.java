package org.roster.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import org.roster.account.AccountService;
import org.roster.account.InvalidAccountException;
import org.roster.account.PasswordPolicy;
import org.roster.user.DuplicateUserException;
import org.roster.user.Role;
import org.roster.user.User;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "create_admin", aliases = "create-admin", mixinStandardHelpOptions = true,
		description = { "Create an admin account (applies pending migrations first).",
				"Without options it asks for username, email and password (not echoed, asked twice),",
				"each again until the answer is acceptable.",
				"For scripts: --username U --email E --password-stdin < file" })
class CreateAdminCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--username", paramLabel = "U", description = "3-32 characters: letters, digits, . _ -")
	String username;

	@Option(names = "--email", paramLabel = "E", description = "The admin's email address.")
	String email;

	@Option(names = "--password-stdin",
			description = "Read the password from the first line of standard input (needs --username and --email).")
	boolean passwordStdin;

	private final Supplier<Optional<Prompter>> terminal;

	CreateAdminCommand(Supplier<Optional<Prompter>> terminal) {
		this.terminal = terminal;
	}

	@Override
	public Integer call() throws IOException {
		Prompter prompter = null;
		String stdinPassword = null;
		if (this.passwordStdin) {
			if (this.username == null || this.email == null) {
				throw usage("--password-stdin needs --username and --email too");
			}
			stdinPassword = readStdinLine();
		}
		else {
			prompter = this.terminal.get()
				.orElseThrow(() -> usage("no terminal to ask on: pass --username, --email and --password-stdin"));
		}
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			AccountService accounts = context.getBean(AccountService.class);
			String name = (this.username != null) ? this.username
					: ask(prompter, "Username: ", (answer) -> accounts.validate(answer, null, null).get("username"));
			String address = (this.email != null) ? this.email
					: ask(prompter, "Email: ", (answer) -> accounts.validate(null, answer, null).get("email"));
			String password = (stdinPassword != null) ? stdinPassword
					: askPassword(prompter, context.getBean(PasswordPolicy.class), name, address);
			User admin = accounts.create(name, address, password, Role.ADMIN);
			System.out.println("Admin '" + admin.getUsername() + "' created (id " + admin.getId() + ").");
			return 0;
		}
		catch (InvalidAccountException ex) {
			throw new CliException(String.join(" ",
					ex.errors().entrySet().stream().map((entry) -> entry.getKey() + ": " + entry.getValue()).toList()));
		}
		catch (DuplicateUserException ex) {
			throw new CliException(ex.getMessage());
		}
	}

	private ParameterException usage(String message) {
		return new ParameterException(this.spec.commandLine(), message);
	}

	/** Asks until {@code problem} finds nothing wrong with the answer. */
	private static String ask(Prompter prompter, String label, Function<String, String> problem) {
		while (true) {
			String answer = prompter.readLine(label);
			if (answer == null) {
				throw new CliException("cancelled");
			}
			String refusal = problem.apply(answer.strip());
			if (refusal == null) {
				return answer.strip();
			}
			prompter.say(refusal);
		}
	}

	/**
	 * Checks the policy on the first entry, so that a refused password is not typed
	 * twice; a confirmation that differs starts over.
	 */
	private static String askPassword(Prompter prompter, PasswordPolicy policy, String username, String email) {
		while (true) {
			char[] first = prompter.readPassword("Password: ");
			if (first == null) {
				throw new CliException("cancelled");
			}
			char[] second = null;
			try {
				Optional<String> refusal = policy.check(new String(first), username, email);
				if (refusal.isPresent()) {
					prompter.say(refusal.get());
					continue;
				}
				second = prompter.readPassword("Password (again): ");
				if (second == null) {
					throw new CliException("cancelled");
				}
				if (Arrays.equals(first, second)) {
					return new String(first);
				}
				prompter.say("The two passwords differ; enter the password again.");
			}
			finally {
				Arrays.fill(first, ' ');
				if (second != null) {
					Arrays.fill(second, ' ');
				}
			}
		}
	}

	private static String readStdinLine() throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		String line = reader.readLine();
		if (line == null || line.isEmpty()) {
			throw new CliException("no password on standard input");
		}
		return line;
	}

}
