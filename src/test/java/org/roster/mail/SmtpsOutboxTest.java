package org.roster.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mail over SMTPS (TLS from the first byte) with a login, configured only through Spring
 * Boot's {@code spring.mail.*}: the server's certificate (made for 127.0.0.1 by keytool
 * before GreenMail starts) is checked against a Spring SSL bundle, host name included, as
 * a deployment would trust its own server's.
 */
@DatabaseTest
@TestPropertySource(properties = { "spring.mail.protocol=smtps", "spring.mail.username=roster",
		"spring.mail.password=s3cret-smtp", "spring.mail.properties.mail.smtps.auth=true",
		"spring.mail.ssl.bundle=smtp", "spring.ssl.bundle.jks.smtp.truststore.type=PKCS12",
		"spring.ssl.bundle.jks.smtp.truststore.password=changeit", "roster.mail.poll-interval=200ms" })
class SmtpsOutboxTest {

	private static final Path KEYS = keys();

	static final int PORT = TestMail.PORT + 1;

	@RegisterExtension
	static GreenMailExtension smtps = new GreenMailExtension(
			new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
		.withConfiguration(GreenMailConfiguration.aConfig().withUser("roster", "s3cret-smtp"));

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.port", () -> PORT);
		registry.add("spring.ssl.bundle.jks.smtp.truststore.location",
				() -> KEYS.resolve("trust.p12").toUri().toString());
	}

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	DataSource dataSource;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void deliversOverTlsWithALogin() throws Exception {
		new TestDatabase(this.dataSource).deleteAllUsers();
		User bob = new AccountTestSupport(this.users, this.encoder).user("bob");
		this.transactions.executeWithoutResult((status) -> this.outbox.enqueue(OutgoingMail.notice("password-changed",
				bob.getEmail(), Locale.ENGLISH, bob.getId(), Map.of("username", "bob"))));
		assertThat(smtps.waitForIncomingEmail(10_000, 1)).as("sent by the server's own schedule").isTrue();
		MimeMessage[] received = smtps.getReceivedMessages();
		assertThat(received).hasSize(1);
		assertThat(received[0].getSubject()).isEqualTo("Your Roster password was changed");
		assertThat(TestMail.parts(received[0]).text()).contains("Hello bob,")
			.contains("https://roster.example.test/login");
	}

	/**
	 * A key pair for 127.0.0.1 that GreenMail serves
	 * ({@code greenmail.tls.keystore.file}, read when its first TLS socket opens) and a
	 * trust store with its certificate.
	 */
	private static Path keys() {
		try {
			Path folder = Files.createTempDirectory("roster-smtps");
			String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
			run(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
					"-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
					folder.resolve("server.p12").toString(), "-storepass", "changeit", "-keypass", "changeit");
			run(keytool, "-exportcert", "-alias", "smtp", "-keystore", folder.resolve("server.p12").toString(),
					"-storepass", "changeit", "-file", folder.resolve("server.crt").toString());
			run(keytool, "-importcert", "-noprompt", "-alias", "smtp", "-file", folder.resolve("server.crt").toString(),
					"-storetype", "PKCS12", "-keystore", folder.resolve("trust.p12").toString(), "-storepass",
					"changeit");
			System.setProperty("greenmail.tls.keystore.file", folder.resolve("server.p12").toString());
			System.setProperty("greenmail.tls.keystore.password", "changeit");
			System.setProperty("greenmail.tls.key.password", "changeit");
			return folder;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException("keytool failed", ex);
		}
	}

	private static void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + ": " + output);
		}
	}

}
