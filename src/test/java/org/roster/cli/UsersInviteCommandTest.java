package org.roster.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roster.testsupport.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./manage users invite} in-process (as {@link ManageCommandLineTest}): the
 * account is created invited, and the invitation goes out before the command ends, to the
 * outbox folder without an SMTP server, or to the SMTP server of {@code spring.mail.*};
 * while that server is down it waits in the outbox and the command says so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UsersInviteCommandTest {

	private static final List<String> MAIL_PROPERTIES = List.of("spring.mail.host", "spring.mail.port",
			"roster.public-url");

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@TempDir
	static Path dataDir;

	@AfterEach
	void forgetTheMailServer() {
		MAIL_PROPERTIES.forEach(System::clearProperty);
	}

	@Test
	@Order(1)
	void withoutAnSmtpServerTheInvitationIsWrittenToTheOutboxFolder() throws Exception {
		CliRun run = CliRun.manage(dataDir, null, "users", "invite", "--username", "Ann", "--email", "Ann@Example.com");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Applied V1")
			.contains("Invited 'Ann' (USER, id ")
			.contains("invitation sent to ann@example.com.");
		assertThat(run.err()).isEmpty();
		List<Path> files = outboxFiles();
		assertThat(files).hasSize(1);
		MimeMessage message = read(files.get(0));
		assertThat(message.getSubject()).isEqualTo("You are invited to Roster");
		assertThat(TestMail.parts(message).text()).contains("Hello Ann,").contains("You have been invited to Roster.");
		assertThat(TestMail.link(message, "/reset-password")).startsWith("http://localhost:8080/reset-password?token=");
		assertThat(row("Ann")).containsExactly("USER", "TRUE", "FALSE");
	}

	@Test
	@Order(2)
	void withAnSmtpServerItIsDeliveredThereBeforeTheCommandEnds() throws Exception {
		useTheTestMailServer();
		CliRun run = CliRun.manage(dataDir, null, "users", "invite", "--username", "bert", "--email",
				"bert@example.com", "--role", "ADMIN");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Invited 'bert' (ADMIN, id ").contains("invitation sent to bert@example.com.");
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("bert@example.com");
		assertThat(TestMail.link(received[0], "/reset-password"))
			.startsWith("https://roster.example.test/reset-password?token=");
		assertThat(row("bert")).containsExactly("ADMIN", "TRUE", "FALSE");
	}

	@Test
	@Order(3)
	void whileTheSmtpServerIsDownTheInvitationWaitsAndTheCommandSaysSo() throws Exception {
		useTheTestMailServer();
		smtp.stop();
		CliRun run = CliRun.manage(dataDir, null, "users", "invite", "--username", "cleo", "--email",
				"cleo@example.com");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		assertThat(run.out()).contains("Invited 'cleo'").contains("could not be delivered yet");
		try (Connection db = CliRun.openDatabase(dataDir);
				ResultSet rs = db.createStatement()
					.executeQuery("SELECT o.status, o.attempts FROM mail_outbox o JOIN users u ON u.id = o.user_id"
							+ " WHERE u.username = 'cleo'")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("PENDING");
			assertThat(rs.getInt(2)).isOne();
		}
	}

	@Test
	@Order(4)
	void aMalformedOrTakenAccountIsAnErrorAndSendsNothing() throws Exception {
		CliRun malformed = CliRun.manage(dataDir, null, "users", "invite", "--username", "dee", "--email", "dee@");
		assertThat(malformed.exitCode()).as(malformed.toString()).isEqualTo(1);
		assertThat(malformed.err()).isEqualTo("error: email: Enter a valid email address.\n");

		CliRun taken = CliRun.manage(dataDir, null, "users", "invite", "--username", "ANN", "--email",
				"other@example.com");
		assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(1);
		assertThat(taken.err()).isEqualTo("error: username is already registered\n");

		CliRun takenEmail = CliRun.manage(dataDir, null, "users", "invite", "--username", "other", "--email",
				"ann@example.com");
		assertThat(takenEmail.exitCode()).as(takenEmail.toString()).isEqualTo(1);
		assertThat(takenEmail.err()).isEqualTo("error: email address is already registered\n");
		assertThat(outboxFiles()).as("still only Ann's invitation").hasSize(1);
	}

	@Test
	@Order(5)
	void languageDeWritesTheInvitationInGermanAndKeepsItAsTheAccountsLanguage() throws Exception {
		CliRun run = CliRun.manage(dataDir, null, "users", "invite", "--username", "dora", "--email",
				"dora@example.com", "--language", "de");

		assertThat(run.exitCode()).as(run.toString()).isZero();
		List<Path> files = outboxFiles();
		assertThat(files).as("Ann's invitation and Dora's").hasSize(2);
		MimeMessage message = null;
		for (Path file : files) {
			MimeMessage candidate = read(file);
			if (candidate.getAllRecipients()[0].toString().equals("dora@example.com")) {
				message = candidate;
			}
		}
		assertThat(message).as("Dora's invitation").isNotNull();
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo("dora@example.com");
		assertThat(message.getSubject()).isEqualTo("Ihre Einladung zu Roster");
		assertThat(language("dora")).isEqualTo("de");
		assertThat(language("Ann")).as("English unless given").isEqualTo("en");
	}

	@ParameterizedTest
	@ValueSource(strings = { "users invite --username eve", "users invite --email eve@example.com",
			"users invite --username eve --email eve@example.com --role BOSS",
			"users invite --username eve --email eve@example.com --password x",
			"users invite --username eve --email eve@example.com --language fr" })
	void wrongUsageExitsWithTwo(String commandLine) {
		CliRun run = CliRun.manage(dataDir, null, commandLine.split(" "));

		assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
		assertThat(run.err()).containsAnyOf("Missing required option", "Invalid value", "Unknown option")
			.contains("Usage: manage users invite");
		if (commandLine.contains("--language")) {
			assertThat(run.err()).contains("Invalid value for option '--language': 'fr' is not supported: de or en");
		}
		assertThat(run.out()).isEmpty();
	}

	private static void useTheTestMailServer() {
		System.setProperty("spring.mail.host", "127.0.0.1");
		System.setProperty("spring.mail.port", String.valueOf(TestMail.PORT));
		System.setProperty("roster.public-url", "https://roster.example.test");
	}

	private static List<Path> outboxFiles() throws IOException {
		Path outbox = dataDir.resolve("outbox");
		if (!Files.isDirectory(outbox)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(outbox)) {
			return files.filter((file) -> file.toString().endsWith(".eml")).sorted().toList();
		}
	}

	private static MimeMessage read(Path file) throws IOException, MessagingException {
		try (InputStream in = Files.newInputStream(file)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

	private static String language(String username) throws SQLException {
		try (Connection db = CliRun.openDatabase(dataDir);
				PreparedStatement query = db.prepareStatement("SELECT language FROM users WHERE username = ?")) {
			query.setString(1, username);
			try (ResultSet rs = query.executeQuery()) {
				assertThat(rs.next()).as("user " + username).isTrue();
				return rs.getString(1);
			}
		}
	}

	/** Role, invited and email_verified of the user. */
	private static List<String> row(String username) throws SQLException {
		try (Connection db = CliRun.openDatabase(dataDir);
				PreparedStatement query = db
					.prepareStatement("SELECT role, invited, email_verified FROM users WHERE username = ?")) {
			query.setString(1, username);
			try (ResultSet rs = query.executeQuery()) {
				assertThat(rs.next()).as("user " + username).isTrue();
				return List.of(rs.getString(1), rs.getString(2), rs.getString(3));
			}
		}
	}

}
