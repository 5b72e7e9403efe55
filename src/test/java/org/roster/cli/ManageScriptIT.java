package org.roster.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

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

	@Test
	@Order(5)
	void withoutACommandItPrintsTheUsageAndExitsWithTwo() throws Exception {
		Result result = manage(null);

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("Missing command", "Usage: manage");
	}

	@Test
	@Order(6)
	void theServerListensOnLoopbackOnlyAndTheCommandLineStillReachesItsDatabase() throws Exception {
		// No GC named in JAVA_OPTS: the script's own server flags are the ones checked.
		Running server = start(ROOT, ROOT,
				Map.of("ROSTER_DATA_DIR", dataDir.toString(), "JAVA_OPTS", "-XX:TieredStopAtLevel=1"), "runserver",
				"--port", "0", "--host", "127.0.0.1");
		try {
			Result started = awaitStart(server);
			Properties lock = new Properties();
			try (var in = Files.newInputStream(dataDir.resolve("roster.lock.db"))) {
				lock.load(in);
			}
			String h2Server = lock.getProperty("server");
			assertThat(h2Server).as("the H2 auto server's address").startsWith("localhost:");
			int h2Port = Integer.parseInt(h2Server.substring("localhost:".length()));

			List<InetSocketAddress> listening = listeningSockets(server.process().pid());
			assertThat(listening).as("the HTTP port and H2's auto server at least").hasSizeGreaterThanOrEqualTo(2);
			assertThat(listening).as("every port the server opens")
				.allSatisfy(
						(socket) -> assertThat(socket.getAddress().isLoopbackAddress()).as(socket.toString()).isTrue());
			assertThat(listening).extracting(InetSocketAddress::getPort).contains(h2Port);
			assertThat(permissions(dataDir.resolve("roster.lock.db"))).isEqualTo("rw-------");
			assertThat(permissions(dataDir.resolve("roster.mv.db"))).isEqualTo("rw-------");

			Result createAdmin = manage(PASSWORD + "\n", "db", "create_admin", "--username", "second", "--email",
					"second@example.com", "--password-stdin");
			assertThat(createAdmin.exitCode()).as(createAdmin.toString()).isZero();
			assertThat(createAdmin.out()).contains("Admin 'second' created");

			assertThat((started.out() + started.err()).lines())
				.as("no JVM warning at start (an initial heap below -Xmn printed one)")
				.noneMatch((line) -> line.contains("[warning]") || line.contains("VM warning"));
			assertThat(started.out()).containsPattern("INFO .* Data folder " + Pattern.quote(dataDir.toString())
					+ "; database jdbc:h2:file:" + Pattern.quote(dataDir.toString()) + "/roster;");
		}
		finally {
			server.process().destroy();
			if (!server.process().waitFor(60, TimeUnit.SECONDS)) {
				server.process().destroyForcibly();
			}
		}
	}

	@Test
	@Order(7)
	void theDefaultDataFolderIsBesideTheScriptWhereverItIsStartedFrom(@TempDir Path install, @TempDir Path elsewhere)
			throws Exception {
		// An install folder: the script and the built application, nothing else.
		Files.copy(ROOT.resolve("manage"), install.resolve("manage"), StandardCopyOption.COPY_ATTRIBUTES);
		Files.createSymbolicLink(install.resolve("target"), ROOT.resolve("target"));

		Result result = run(install, elsewhere, Map.of(), null, "db", "init");

		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(install.resolve("data/roster.mv.db")).exists();
		assertThat(elsewhere).as("nothing in the working directory").isEmptyDirectory();
		assertThat(permissions(install.resolve("data"))).isEqualTo("rwx------");
		assertThat(permissions(install.resolve("data/roster.mv.db"))).isEqualTo("rw-------");
	}

	/** Polls the log: the start-up line is the only sign of readiness with --port 0. */
	private static Result awaitStart(Running server) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			Result sofar = server.result();
			if (sofar.out().contains("Started RosterApplication")) {
				return sofar;
			}
			if (!server.process().isAlive()) {
				throw new AssertionError("the server stopped: " + sofar);
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the server did not start within 180 s: " + server.result());
	}

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static Result manage(String stdin, String... args) throws IOException, InterruptedException {
		return run(ROOT, ROOT, Map.of("ROSTER_DATA_DIR", dataDir.toString()), stdin, args);
	}

	/**
	 * {@code <install>/manage args} started in {@code workingDir}, with only Roster's
	 * variables in {@code env} (any SPRING_ or ROSTER_ ones of the developer's shell are
	 * removed).
	 */
	private static Result run(Path install, Path workingDir, Map<String, String> env, String stdin, String... args)
			throws IOException, InterruptedException {
		Running running = start(install, workingDir, env, args);
		Process process = running.process();
		try (var in = process.getOutputStream()) {
			if (stdin != null) {
				in.write(stdin.getBytes(StandardCharsets.UTF_8));
			}
		}
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("./manage " + String.join(" ", args) + " did not finish within 120 s");
		}
		Result result = running.result();
		assertThat(result.err()).as("the script must use the jar the build just made")
			.doesNotContain("Building Roster");
		return result;
	}

	private static Running start(Path install, Path workingDir, Map<String, String> env, String... args)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(install.resolve("manage").toString()));
		command.addAll(List.of(args));
		Path out = Files.createTempFile(outputDir, "out", ".txt");
		Path err = Files.createTempFile(outputDir, "err", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet().removeIf((name) -> name.startsWith("SPRING_") || name.startsWith("ROSTER_"));
		// The script's own knob: a one-shot JVM needs no optimising compiler (half the
		// start-up CPU).
		environment.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
		environment.putAll(env);
		return new Running(builder.start(), out, err);
	}

	/** The addresses the process listens on, from /proc (IPv4 and IPv6 tables). */
	private static List<InetSocketAddress> listeningSockets(long pid) throws IOException {
		Set<String> inodes = new HashSet<>();
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
			for (Path descriptor : descriptors) {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring("socket:[".length(), target.length() - 1));
					}
				}
				catch (IOException ex) {
					// Closed since the listing: not a listening socket of interest.
				}
			}
		}
		List<InetSocketAddress> listening = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				String[] fields = line.strip().split("\\s+");
				String[] local = fields[1].split(":");
				if (fields[3].equals("0A") && inodes.contains(fields[9])) {
					listening.add(new InetSocketAddress(address(local[0]), Integer.parseInt(local[1], 16)));
				}
			}
		}
		return listening;
	}

	/**
	 * /proc/net/tcp* write addresses as 32-bit words in the machine's (little-endian)
	 * order.
	 */
	private static InetAddress address(String hex) throws IOException {
		byte[] bytes = new byte[hex.length() / 2];
		for (int word = 0; word < bytes.length / 4; word++) {
			for (int i = 0; i < 4; i++) {
				int at = word * 8 + (3 - i) * 2;
				bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
			}
		}
		return InetAddress.getByAddress(bytes);
	}

	private record Running(Process process, Path out, Path err) {

		/** What it printed so far; exit -1 while it runs. */
		Result result() throws IOException {
			return new Result(this.process.isAlive() ? -1 : this.process.exitValue(), Files.readString(this.out),
					Files.readString(this.err));
		}

	}

	private record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.exitCode + "\n--- stdout ---\n" + this.out + "--- stderr ---\n" + this.err;
		}

	}

}
