package org.roster.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code ./manage} script, as a person or a deployment script runs it, with
 * {@code ROSTER_DATA_DIR} pointing at a fresh folder. Runs in the failsafe
 * {@code integration-test} phase, after {@code package} built {@code target/roster.jar}.
 * Each command that starts Spring costs a cold JVM (several seconds), so this class keeps
 * to the deployment path; {@link ManageCommandLineTest} covers every case in-process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ManageScriptIT {

	private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

	private static final String PASSWORD = "Quietly-orbiting-walrus-lanterns-7";

	@TempDir
	static Path dataDir;

	@TempDir
	static Path outputDir;

	@BeforeAll
	static void theJarIsBuilt() {
		assertThat(ROOT.resolve("manage")).isExecutable();
		assertThat(ROOT.resolve("target/roster.jar")).as("run through 'mvnw verify': package builds the jar first")
			.isRegularFile();
	}

	@Test
	@Order(1)
	void helpWorksWithoutADatabase() throws Exception {
		Result result = manage(null, "--help");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).startsWith("Usage: manage").contains("db", "runserver");
		assertThat(dataDir).isEmptyDirectory();
	}

	@Test
	@Order(2)
	void dbInitCreatesTheSchemaInTheDataFolder() throws Exception {
		Result result = manage(null, "db", "init");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Applied V1 ", "Applied V2 ", "Applied V3 ", "Database initialised.");
		assertThat(dataDir.resolve("roster.mv.db")).exists();
	}

	@Test
	@Order(3)
	void createAdminReadsThePasswordFromStdin() throws Exception {
		Result result = manage(PASSWORD + "\n", "db", "create_admin", "--username", "admin", "--email",
				"Admin@Example.com", "--password-stdin");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(result.out()).contains("Admin 'admin' created");
		try (Connection db = CliRun.openDatabase(dataDir);
				ResultSet row = db.createStatement()
					.executeQuery("SELECT role, status, email FROM users WHERE username_key = 'admin'")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getString("role")).isEqualTo("ADMIN");
			assertThat(row.getString("status")).isEqualTo("ACTIVE");
			assertThat(row.getString("email")).isEqualTo("admin@example.com");
		}
	}

	@Test
	@Order(4)
	void wrongUsageExitsWithTwo() throws Exception {
		Result result = manage(null, "db", "init", "--bogus");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("Unknown option: '--bogus'");
	}

	private static Result manage(String stdin, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of("./manage"));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(outputDir, "out", ".txt");
		Path err = Files.createTempFile(outputDir, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		Map<String, String> env = builder.environment();
		env.keySet().removeIf((name) -> name.startsWith("SPRING_") || name.startsWith("ROSTER_"));
		// The script's own knob: a one-shot JVM needs no optimising compiler (half the
		// start-up CPU).
		env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
		env.put("ROSTER_DATA_DIR", dataDir.toString());
		Process process = builder.start();
		try (var in = process.getOutputStream()) {
			if (stdin != null) {
				in.write(stdin.getBytes(StandardCharsets.UTF_8));
			}
		}
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("./manage " + String.join(" ", args) + " did not finish within 120 s");
		}
		Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
		assertThat(result.err()).as("the script must use the jar the build just made")
			.doesNotContain("Building Roster");
		return result;
	}

	private record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- stdout ---\n" + this.out + "--- stderr ---\n" + this.err;
		}

	}

}
