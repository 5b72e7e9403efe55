package org.roster.account;

import java.net.http.HttpResponse;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestProviders;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code roster.registration.social=link-only}: a provider account makes no Roster
 * account, even with a verified address; it can only be linked to one, with its password.
 */
@ServerTest
@TestPropertySource(properties = { "roster.registration.social=link-only",
		"roster.security.rate-limit.per-minute=" + ExternalSignInLinkOnlyTest.PER_MINUTE })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExternalSignInLinkOnlyTest {

	/** Enough for the first test; the second uses up the rest. */
	static final int PER_MINUTE = 6;

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		TestProviders.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
	}

	@Test
	@Order(1)
	void anUnknownProviderAccountMakesNoAccountButLinksAfterAPassword() throws Exception {
		User kim = new AccountTestSupport(this.users, this.encoder).user("kim");
		TestProviders.nextOidc("subject-kim-elsewhere",
				Map.of("email", "kim.other@example.com", "email_verified", true, "preferred_username", "kimo"));
		WireClient client = new WireClient("http://localhost:" + this.port);
		HttpResponse<String> back = TestProviders.signIn(client, "oidc");
		assertThat(WireClient.location(back)).endsWith("/login/external");
		assertThat(client.get("/login/external").body())
			.contains("new accounts are not made this way here", "Sign in and link Test ID")
			.doesNotContain("Create my account");
		assertThat(this.users.findByLogin("kimo")).isEmpty();
		assertThat(this.users.findByLogin("kim.other@example.com")).isEmpty();

		HttpResponse<String> linked = client.submit("/login/external", "/login",
				Map.of("username", "kim", "password", AccountTestSupport.PASSWORD, "link", "oidc"));
		assertThat(WireClient.location(linked)).endsWith("/profile");
		assertThat(this.jdbc.sql("SELECT user_id FROM user_identities WHERE subject = 'subject-kim-elsewhere'")
			.query(Long.class)
			.single()).isEqualTo(kim.getId());
	}

	@Test
	@Order(2)
	void startingRoundTripsIsThrottledLikePasswordChecks() throws Exception {
		WireClient client = new WireClient("http://localhost:" + this.port);
		HttpResponse<String> last = null;
		for (int i = 0; i <= PER_MINUTE; i++) {
			last = client.get("/oauth2/authorization/oidc");
			if (last.statusCode() != 302) {
				break;
			}
		}
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.headers().firstValue("Retry-After")).isPresent();
		assertThat(last.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
	}

}
