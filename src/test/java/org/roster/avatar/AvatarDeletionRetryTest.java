package org.roster.avatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roster.account.RosterPrincipal;
import org.roster.profile.ProfileService;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The avatar file of a deleted user goes, also when the FTP server is down at that
 * moment: the deletion is recorded in the event publication registry with the user's
 * deletion and retried until the server is back. A real FTP server that the test stops
 * and starts again on the same port (the stored URLs name it).
 */
@DatabaseTest
class AvatarDeletionRetryTest {

	private static final String PASSWORD = "retry-test-ftp-Pa55";

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	/** Under target/ (roster.data-dir in the build), a folder per class. */
	private static Path root;

	private static EmbeddedFtpServer server;

	private static int port;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserService users;

	@Autowired
	private ProfileService profiles;

	@Autowired
	private AvatarService avatars;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private DataSource dataSource;

	private TestDatabase db;

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@DynamicPropertySource
	static void ftpServer(DynamicPropertyRegistry registry) throws IOException {
		// Here, not in @BeforeAll: the context (which needs the port) starts first.
		root = Files.createDirectories(
				Path.of(System.getProperty("roster.data-dir", "target/test-data"), "ftp-retry-" + UUID.randomUUID()));
		server = new EmbeddedFtpServer(root, PASSWORD, null, Map.of());
		server.start();
		port = server.port();
		registry.add("roster.ftp.host", () -> "127.0.0.1");
		registry.add("roster.ftp.port", () -> port);
		registry.add("roster.ftp.username", () -> EmbeddedFtpServer.USERNAME);
		registry.add("roster.ftp.password", () -> PASSWORD);
		registry.add("roster.ftp.connect-timeout", () -> "2s");
		registry.add("roster.events.retry-interval", () -> "200ms");
	}

	@BeforeEach
	void database() {
		this.db = new TestDatabase(this.dataSource);
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aDeletionWhileTheFtpServerIsDownDeletesTheFileOnceItIsBack(CapturedOutput output) throws Exception {
		User admin = user("admin", Role.ADMIN);
		User gina = user("gina", Role.USER);
		String url = this.avatars.upload(gina.getId(), png());
		Path file = fileOf(url);
		assertThat(file).exists();

		server.stop();
		this.mvc.perform(delete("/delete_user").param("id", String.valueOf(gina.getId())).with(as(admin)))
			.andExpect(status().isOk());

		assertThat(this.users.findById(gina.getId())).isEmpty();
		assertThat(file).exists();
		// Incomplete: failed, or already being retried (the test retries every 200 ms).
		assertThat(this.db.count("event_publication", "completion_date IS NULL")).isEqualTo(1);
		// An expected outage: a warning line per attempt, no stack trace.
		assertThat(output.getAll()).contains("Could not delete " + url)
			.doesNotContain("afterCompletion threw exception")
			.doesNotContain("\tat org.roster");

		server = new EmbeddedFtpServer(root, PASSWORD, null, Map.of(), port);
		server.start();

		await().atMost(PATIENCE).until(() -> Files.notExists(file));
		// Completed publications are deleted (completion-mode=delete).
		await().atMost(PATIENCE).until(() -> this.db.count("event_publication") == 0);
	}

	@Test
	void aRolledBackDeletionKeepsTheFileAndRecordsNothing() {
		User hugo = user("hugo", Role.USER);
		String url = this.avatars.upload(hugo.getId(), png());

		this.transactions.executeWithoutResult((status) -> {
			this.users.delete(hugo.getId());
			status.setRollbackOnly();
		});

		assertThat(this.profiles.findImage(hugo.getId())).contains(url);
		assertThat(fileOf(url)).exists();
		assertThat(this.db.count("event_publication")).isZero();
	}

	@Test
	void aDeletionWithTheServerUpDeletesAtOnceAndLeavesNoPublication() {
		User ivan = user("ivan", Role.USER);
		String url = this.avatars.upload(ivan.getId(), png());

		this.users.delete(ivan.getId());

		assertThat(fileOf(url)).doesNotExist();
		assertThat(this.db.count("event_publication")).isZero();
	}

	private User user(String name, Role role) {
		return this.users.create(new NewUser(name, name + "@example.test", "not-a-real-hash", role));
	}

	private static Path fileOf(String url) {
		String prefix = "ftp://127.0.0.1:" + port + "/";
		assertThat(url).startsWith(prefix);
		return root.resolve(url.substring(prefix.length()));
	}

	private static RequestPostProcessor as(User user) {
		RosterPrincipal principal = new RosterPrincipal(user.getId(), user.getUsername(), user.getRole());
		RequestPostProcessor signedIn = authentication(new UsernamePasswordAuthenticationToken(principal, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()))));
		return (request) -> csrf().postProcessRequest(signedIn.postProcessRequest(request));
	}

	private static byte[] png() {
		BufferedImage image = new BufferedImage(120, 120, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(Color.GREEN);
		graphics.fillRect(0, 0, 120, 120);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
