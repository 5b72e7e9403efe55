package org.roster.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data folder and the H2 files are for their owner only, whatever the umask of the
 * JVM (permissions are read back, never assumed); where they are is said once at
 * start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataFolderTest {

	@TempDir
	Path temp;

	@BeforeEach
	void theStartUpLineIsLogged() {
		// Other tests in this JVM may have left Roster's loggers at WARN.
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("org.roster.storage", LogLevel.INFO);
	}

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(DataFolderPreparation.class, DatabaseFilePrivacy.class)
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

	@Test
	void aMissingDataFolderIsCreatedForItsOwnerOnly() throws IOException {
		Path dataDir = this.temp.resolve("install/data");

		this.context.withPropertyValues("roster.data-dir=" + dataDir, "spring.datasource.url=jdbc:h2:mem:folder")
			.run((context) -> assertThat(context).hasNotFailed());

		assertThat(permissions(dataDir)).isEqualTo("rwx------");
	}

	@Test
	void anExistingFolderOpenToOthersGetsOneWarningSayingWhatToRun(CapturedOutput output) throws IOException {
		Path dataDir = Files.createDirectory(this.temp.resolve("data"));
		Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));

		this.context.withPropertyValues("roster.data-dir=" + dataDir, "spring.datasource.url=jdbc:h2:mem:open")
			.run((context) -> assertThat(context).hasNotFailed());

		assertThat(output.getOut().lines().filter((line) -> line.contains("open to other users"))).singleElement()
			.asString()
			.contains("WARN", dataDir + " is open to other users (rwxr-xr-x)", "run chmod 700 " + dataDir);
		assertThat(permissions(dataDir)).as("a folder the user made is not changed behind their back")
			.isEqualTo("rwxr-xr-x");
	}

	@Test
	void aPrivateFolderGetsNoWarning(CapturedOutput output) throws IOException {
		Path dataDir = Files.createDirectory(this.temp.resolve("data"));
		Files.setPosixFilePermissions(dataDir, PrivateFiles.FOLDER);

		this.context.withPropertyValues("roster.data-dir=" + dataDir, "spring.datasource.url=jdbc:h2:mem:private")
			.run((context) -> assertThat(context).hasNotFailed());

		assertThat(output.getOut()).doesNotContain("open to other users");
	}

	@Test
	void theStartUpSaysWhereTheDataAndTheDatabaseAreWithoutCredentials(CapturedOutput output) {
		Path dataDir = this.temp.resolve("data");

		this.context.withPropertyValues("roster.data-dir=" + this.temp + "/./data", "roster.ftp.host=ftp.internal",
				"spring.datasource.url=jdbc:postgresql://roster:s3cret@db.internal:5432/roster?user=roster&password=s3cret&ssl=true")
			.run((context) -> assertThat(context).hasNotFailed());

		assertThat(output.getOut().lines().filter((line) -> line.contains("Data folder "))).singleElement()
			.asString()
			.contains(" INFO ")
			.endsWith("Data folder " + dataDir
					+ "; database jdbc:postgresql://***@db.internal:5432/roster?user=***&password=***&ssl=true")
			.doesNotContain("s3cret");
		assertThat(dataDir).as("nothing is written there with PostgreSQL and an external FTP server").doesNotExist();
	}

	@Test
	void theH2FilesAreMadePrivateOnceTheDatabaseIsOpen() throws SQLException, IOException {
		Path dataDir = this.temp.resolve("data");
		// AUTO_SERVER: the lock file then holds the auto server's address and key (the
		// build binds H2 to loopback in tests, as RosterApplication does).
		String url = "jdbc:h2:file:" + dataDir.resolve("roster") + ";AUTO_SERVER=TRUE";
		try (Connection db = DriverManager.getConnection(url, "sa", "")) {
			db.createStatement().execute("CREATE TABLE secrets (hash VARCHAR(100))");
		}
		Path data = dataDir.resolve("roster.mv.db");
		Path trace = Files.createFile(dataDir.resolve("roster.trace.db"));
		Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rw-r--r--"));
		Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-r--r--"));
		ApplicationContextRunner database = this.context.withPropertyValues("roster.data-dir=" + dataDir,
				"spring.datasource.url=" + url, "spring.datasource.username=sa");

		database.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(permissions(data)).isEqualTo("rw-------");
			assertThat(dataDir.resolve("roster.lock.db")).content().contains("server=");
			assertThat(permissions(dataDir.resolve("roster.lock.db"))).as("the lock file holds the server's key")
				.isEqualTo("rw-------");
			assertThat(permissions(trace)).isEqualTo("rw-------");
		});
	}

	@Test
	void theDefaultDataFolderIsBesideTheScriptUnlessSetElsewhere(@TempDir Path config) throws IOException {
		Path home = this.temp.resolve("roster");
		assertThat(dataDir(Map.of("roster.home", home.toString())))
			.as("./manage passes roster.home: data/ beside it, wherever it is started from")
			.isEqualTo(home + "/data");
		assertThat(dataDir(Map.of())).as("java -jar without roster.home").isEqualTo("./data");

		Path properties = Files.writeString(config.resolve("application.properties"), "roster.data-dir=/srv/roster\n");
		assertThat(dataDir(
				Map.of("roster.home", home.toString(), "spring.config.additional-location", properties.toString())))
			.as("a user's application.properties wins over the script's hint")
			.isEqualTo("/srv/roster");
		assertThat(dataDir(Map.of("roster.home", home.toString()), "--roster.data-dir=/opt/data"))
			.isEqualTo("/opt/data");
	}

	/** roster.data-dir as Roster's own application.properties resolves it. */
	private static String dataDir(Map<String, String> systemProperties, String... args) {
		Map<String, String> saved = new HashMap<>();
		for (String name : new String[] { "roster.data-dir", "roster.home", "spring.config.additional-location" }) {
			saved.put(name, System.getProperty(name));
			System.clearProperty(name);
		}
		systemProperties.forEach(System::setProperty);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.run(args)) {
			return context.getEnvironment().getProperty("roster.data-dir");
		}
		finally {
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

	private static String permissions(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
