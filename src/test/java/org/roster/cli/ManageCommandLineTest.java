package org.roster.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./manage} as a user runs it (docs/API.md, Command line), in-process through
 * {@link ManageCommandLine#run}: one data folder for the whole class, commands in the
 * order a person would type them. {@code ManageScriptIT} runs the real script.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManageCommandLineTest {

	private static final String STRONG_PASSWORD = "Quietly-orbiting-walrus-lanterns-7";

	@TempDir
	static Path dataDir;

	@Test
	@Order(1)
	void dbInitOnAnEmptyDatabaseAppliesEveryMigration() {
		CliRun run = CliRun.manage(dataDir, null, "db", "init");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Applied V1 users and profiles", "Applied V2 search indexes",
				"Applied V3 spring session", "Database initialised.");
		assertThat(run.err()).isEmpty();
		assertThat(dataDir.resolve("roster.mv.db")).as("the H2 file lives in the data folder").exists();
	}

	@Test
	@Order(2)
	void dbInitAgainChangesNothing() {
		CliRun run = CliRun.manage(dataDir, null, "db", "init");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("already initialised").doesNotContain("Applied");
		assertThat(run.err()).isEmpty();
	}

	@Test
	@Order(3)
	void dbMigrateWithNothingPending() {
		CliRun run = CliRun.manage(dataDir, null, "db", "migrate");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("No pending migrations").doesNotContain("Applied");
		assertThat(run.err()).isEmpty();
	}

	@Test
	@Order(4)
	void createAdminFromAScript() throws SQLException {
		CliRun run = CliRun.manage(dataDir, STRONG_PASSWORD + "\n", "db", "create_admin", "--username", "Root",
				"--email", "Root@Example.com", "--password-stdin");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Admin 'Root' created");
		assertThat(run.err()).isEmpty();
		try (Connection db = CliRun.openDatabase(dataDir);
				PreparedStatement query = db.prepareStatement("SELECT u.role, u.status, u.email, u.password_hash,"
						+ " p.email FROM users u JOIN user_profiles p ON p.user_id = u.id WHERE u.username = 'Root'");
				ResultSet row = query.executeQuery()) {
			assertThat(row.next()).as("admin row").isTrue();
			assertThat(row.getString(1)).isEqualTo("ADMIN");
			assertThat(row.getString(2)).isEqualTo("ACTIVE");
			assertThat(row.getString(3)).isEqualTo("root@example.com");
			assertThat(row.getString(4)).startsWith("{argon2}").doesNotContain(STRONG_PASSWORD);
			assertThat(row.getString(5)).as("profile contact email").isEqualTo("root@example.com");
			assertThat(row.next()).isFalse();
		}
	}

	@Test
	@Order(5)
	void aDuplicateUsernameIsRefused() throws SQLException {
		CliRun run = CliRun.manage(dataDir, STRONG_PASSWORD + "\n", "db", "create_admin", "--username", "ROOT",
				"--email", "other@example.com", "--password-stdin");

		assertFailedWithOneLine(run, 1);
		assertThat(run.err()).startsWith("error: ").contains("username");
		assertThat(countUsers()).isEqualTo(1);
	}

	@Test
	@Order(6)
	void aDuplicateEmailIsRefused() throws SQLException {
		CliRun run = CliRun.manage(dataDir, STRONG_PASSWORD + "\n", "db", "create-admin", "--username", "other",
				"--email", "ROOT@example.COM", "--password-stdin");

		assertFailedWithOneLine(run, 1);
		assertThat(run.err()).startsWith("error: ").contains("email");
		assertThat(countUsers()).isEqualTo(1);
	}

	@Test
	@Order(7)
	void aWeakPasswordIsRefused() throws SQLException {
		CliRun run = CliRun.manage(dataDir, "password1\n", "db", "create_admin", "--username", "weakling", "--email",
				"weakling@example.com", "--password-stdin");

		assertFailedWithOneLine(run, 1);
		assertThat(run.err()).startsWith("error: password: ").contains("too easy to guess");
		assertThat(countUsers()).isEqualTo(1);
	}

	@Test
	@Order(8)
	void aMissingPasswordOnStdinIsRefused() throws SQLException {
		CliRun run = CliRun.manage(dataDir, "", "db", "create_admin", "--username", "nopass", "--email",
				"nopass@example.com", "--password-stdin");

		assertFailedWithOneLine(run, 1);
		assertThat(run.err()).isEqualTo("error: no password on standard input\n");
		assertThat(countUsers()).isEqualTo(1);
	}

	@Test
	@Order(9)
	void createAdminOnATerminalAsksAgainUntilEachAnswerIsAcceptable() throws SQLException {
		CliRun run = CliRun.answering(dataDir,
				List.of("no", "ROOT", " helper ", "helper@", "root@example.com", "helper@example.com", "password1",
						STRONG_PASSWORD, "Quietly-orbiting-walrus-lanterns-8", STRONG_PASSWORD, STRONG_PASSWORD),
				"db", "create_admin");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).containsSubsequence("Username: ", "3 to 32 characters", "Username: ",
				"This username is already taken.", "Username: ", "Email: ", "Enter a valid email address.", "Email: ",
				"This email address is already registered.", "Email: ", "Password: ", "too easy to guess", "Password: ",
				"Password (again): ", "The two passwords differ", "Password: ", "Password (again): ",
				"Admin 'helper' created");
		assertThat(run.err()).isEmpty();
		assertThat(countUsers()).isEqualTo(2);
	}

	@Test
	@Order(10)
	void endOfInputOnATerminalCancels() throws SQLException {
		CliRun run = CliRun.answering(dataDir, List.of("later"), "db", "create_admin");

		assertFailedWithOneLine(run, 1);
		assertThat(run.err()).isEqualTo("error: cancelled\n");
		assertThat(countUsers()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "--password-stdin --username someone", "--password-stdin --email someone@example.com",
			"--password-stdin", "--username someone --email someone@example.com" })
	void createAdminWithoutTheOptionsAScriptNeedsIsAUsageError(String options) throws SQLException {
		CliRun run = CliRun.manage(dataDir, STRONG_PASSWORD + "\n", ("db create_admin " + options).split(" "));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err())
			.containsAnyOf("--password-stdin needs --username and --email too",
					"no terminal to ask on: pass --username, --email and --password-stdin")
			.contains("Usage: manage db create_admin");
		assertThat(run.out()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "99999", "-1" })
	void aPortOutOfRangeIsAUsageError(String port) {
		CliRun run = CliRun.manage(dataDir, null, "runserver", "--port", port);

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).startsWith("--port must be between 0 and 65535").contains("Usage: manage runserver");
	}

	@Test
	void aNewDataFolderAndTheDatabaseInItAreForTheirOwnerOnly(@TempDir Path parent) throws IOException {
		Path fresh = parent.resolve("roster/data");

		CliRun run = CliRun.manage(fresh, null, "db", "init");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("roster.mv.db"))))
			.isEqualTo("rw-------");
	}

	@ParameterizedTest
	@ValueSource(strings = { "db init --force", "db create_admin --username x --bogus", "runserver --prot 8080",
			"--nope", "db frobnicate" })
	void wrongUsageExitsWithTwo(String commandLine) {
		CliRun run = CliRun.manage(dataDir, null, commandLine.split(" "));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).containsAnyOf("Unknown option", "Unmatched argument");
		assertThat(run.out()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "db", "ftp", "users", "" })
	void aGroupWithoutCommandIsAUsageError(String commandLine) {
		CliRun run = CliRun.manage(dataDir, null, commandLine.isEmpty() ? new String[0] : commandLine.split(" "));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).contains("Missing command").contains("Usage: manage");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "db", "db init", "db migrate", "db create_admin", "db runserver", "runserver", "ftp",
			"users", "users invite" })
	void everyCommandHasHelp(String command) {
		for (String flag : new String[] { "--help", "-h" }) {
			String commandLine = (command + " " + flag).strip();
			CliRun run = CliRun.manage(dataDir, null, commandLine.split(" "));

			assertThat(run.exitCode()).as(commandLine + ": " + run).isZero();
			assertThat(run.out()).startsWith("Usage: manage" + (command.isEmpty() ? "" : " " + command + " "))
				.contains("-h, --help");
			assertThat(run.err()).isEmpty();
		}
	}

	@Test
	void versionIsPrinted() {
		CliRun run = CliRun.manage(dataDir, null, "--version");

		assertThat(run.exitCode()).isZero();
		assertThat(run.out()).startsWith("Roster ");
	}

	private static void assertFailedWithOneLine(CliRun run, int exitCode) {
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
		assertThat(run.err()).as("one line on stderr: " + run).endsWith("\n").hasLineCount(1);
		assertThat(run.err()).doesNotContain("Exception", "\tat ");
	}

	private static int countUsers() throws SQLException {
		try (Connection db = CliRun.openDatabase(dataDir);
				ResultSet rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM users")) {
			rs.next();
			return rs.getInt(1);
		}
	}

}
