package org.roster.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.flywaydb.core.Flyway;
import org.roster.account.AccountService;
import org.roster.account.InvalidAccountException;
import org.roster.user.DuplicateUserException;
import org.roster.user.Role;
import org.roster.user.User;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "create_admin", aliases = "create-admin", mixinStandardHelpOptions = true,
		description = { "Create an admin account (applies pending migrations first).",
				"Without options it asks for username, email and password (not echoed, asked twice).",
				"For scripts: --username U --email E --password-stdin < file" })
class CreateAdminCommand implements Callable<Integer> {

	@Option(names = "--username", paramLabel = "U", description = "3-32 characters: letters, digits, . _ -")
	String username;

	@Option(names = "--email", paramLabel = "E", description = "The admin's email address.")
	String email;

	@Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
	boolean passwordStdin;

	@Override
	public Integer call() throws IOException {
		Console console = System.console();
		if (this.username == null) {
			this.username = prompt(console, "Username: ");
		}
		if (this.email == null) {
			this.email = prompt(console, "Email: ");
		}
		String password = this.passwordStdin ? readStdinLine() : promptPasswordTwice(console);
		try (ConfigurableApplicationContext context = CliContext.start()) {
			Migrations.apply(context.getBean(Flyway.class), System.out);
			User admin = context.getBean(AccountService.class).create(this.username, this.email, password, Role.ADMIN);
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

	private static String prompt(Console console, String label) {
		if (console == null) {
			throw new CliException("no terminal to ask on: pass --username, --email and --password-stdin");
		}
		String value = console.readLine("%s", label);
		if (value == null) {
			throw new CliException("cancelled");
		}
		return value.strip();
	}

	private static String promptPasswordTwice(Console console) {
		if (console == null) {
			throw new CliException("no terminal to ask for the password on: use --password-stdin");
		}
		char[] first = console.readPassword("Password: ");
		char[] second = console.readPassword("Password (again): ");
		if (first == null || second == null) {
			throw new CliException("cancelled");
		}
		try {
			if (!Arrays.equals(first, second)) {
				throw new CliException("the two passwords differ");
			}
			return new String(first);
		}
		finally {
			Arrays.fill(first, ' ');
			Arrays.fill(second, ' ');
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
