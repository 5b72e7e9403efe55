package org.roster.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.roster.RosterApplication;
import org.roster.testsupport.PostgresRunLock;
import org.roster.testsupport.TestDatabase;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.UserService;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passkey added on one node signs in on another: two Roster nodes (two application
 * contexts on their own ports) on one PostgreSQL database, as behind a load balancer.
 * Each node's {@code roster.public-url} is its own address (the passkey's origin); the
 * relying-party id, {@code localhost}, is the same. The WebAuthn options wait in the
 * database-stored session between the calls of a ceremony.
 */
@Tag("postgres")
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_SWITCH, matches = "true",
		disabledReason = "PostgreSQL suite off: run with -Droster.test.postgres=true (.ci/run does)")
@ExtendWith(ChromiumExtension.class)
class PasskeyTwoNodesPostgresTest {

	private static ConfigurableApplicationContext a;

	private static ConfigurableApplicationContext b;

	private static Browser browser;

	@BeforeAll
	static void startTwoNodes() throws IOException {
		StandardEnvironment database = new StandardEnvironment();
		database.getPropertySources()
			.addLast(new ResourcePropertySource("classpath:application-test-postgres.properties"));
		PostgresRunLock.acquire(database);
		Flyway.configure()
			.dataSource(database.getProperty("spring.datasource.url"),
					database.getProperty("spring.datasource.username"),
					database.getProperty("spring.datasource.password"))
			.cleanDisabled(false)
			.load()
			.clean();
		a = startNode();
		b = startNode();
		browser = ChromiumExtension.launchAnother();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.close();
		}
		for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] { a, b }) {
			if (node != null) {
				node.close();
			}
		}
	}

	@Test
	void aPasskeyAddedOnOneNodeSignsInOnTheOther() {
		assertThat(new TestDatabase(a.getBean(DataSource.class)).isPostgres()).isTrue();
		UserService users = a.getBean(UserService.class);
		String hash = a.getBean(PasswordEncoder.class).encode(BrowserTestSupport.PASSWORD);
		users.create(new NewUser("katherine", "katherine@example.com", hash, Role.USER, true, false, null));
		((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(PasskeyBrowserTest.authenticatorOptions());

		browser.get(base(a) + "/login");
		BrowserTestSupport.submitLogin(browser, "katherine", BrowserTestSupport.PASSWORD);
		browser.pathIs("/profile");
		PasskeyBrowserTest.addPasskey(browser, "Phone");

		// Cookies are per host, not port: a fresh browser session for node B.
		browser.deleteCookies();
		// Its sign-in page offers the passkey in the username field; the authenticator
		// takes it.
		browser.get(base(b) + "/login");
		browser.pathIs("/profile");
		assertThat(browser.driver().getCurrentUrl()).startsWith(base(b));
		assertThat(browser.find("header").getText()).contains("katherine");
		browser.afterTest();
	}

	private static ConfigurableApplicationContext startNode() {
		int port = freePort();
		// Arguments, not default properties: the test profile's roster.public-url would
		// win.
		return new SpringApplicationBuilder(RosterApplication.class).profiles("test", "test-postgres")
			.run("--server.port=" + port, "--roster.public-url=http://localhost:" + port,
					"--spring.datasource.hikari.maximum-pool-size=5");
	}

	private static String base(ConfigurableApplicationContext node) {
		return "http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
