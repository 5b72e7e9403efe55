package org.roster.account;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code roster.security.mfa.required-for-admins}: an admin without a second factor is
 * taken to the set-up right after the password and can do nothing else until it is done;
 * users are not asked.
 */
@ServerTest
@TestPropertySource(
		properties = { "roster.security.rate-limit.per-minute=100000", "roster.security.mfa.required-for-admins=true" })
class RequiredSecondFactorTest {

	private static final Pattern SECRET_ON_PAGE = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	AccountTestSupport accounts;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	@Test
	void anAdminWithoutASecondFactorSetsOneUpBeforeAnythingElse() throws Exception {
		this.accounts.admin("ada");
		WireClient browser = new WireClient(base());
		HttpResponse<String> password = browser.submit("/login", "/login",
				Map.of("username", "ada", "password", AccountTestSupport.PASSWORD));
		assertThat(WireClient.location(password)).endsWith("/login/setup");
		// Nothing else: no page, no JSON route, not the code page.
		assertThat(WireClient.location(browser.get("/user_list"))).endsWith("/login");
		assertThat(browser.get("/user_list", "application/json").statusCode()).isEqualTo(401);
		assertThat(WireClient.location(browser.get("/login/code"))).endsWith("/login/setup");

		HttpResponse<String> setUp = browser.get("/login/setup");
		assertThat(setUp.body()).contains("id=\"setup-required\"").contains("id=\"qr-code\"");
		Matcher secret = SECRET_ON_PAGE.matcher(setUp.body());
		assertThat(secret.find()).isTrue();
		String key = secret.group(1).replace(" ", "");
		// The page shows the same key until it is confirmed.
		assertThat(browser.get("/login/setup").body()).contains(secret.group(1));
		long step = Math.floorDiv(Instant.now().getEpochSecond(), TotpCodes.PERIOD_SECONDS);
		HttpResponse<String> done = browser.submit("/login/setup", "/login/setup",
				Map.of("code", TotpCodes.codeAt(key, step)));
		assertThat(done.statusCode()).isEqualTo(200);
		assertThat(done.body()).contains("id=\"recovery-codes\"").contains("href=\"/dashboard\"");
		assertThat(browser.get("/user_list").statusCode()).isEqualTo(200);

		// The next sign-in asks for a code, as for anyone with an authenticator.
		WireClient next = new WireClient(base());
		assertThat(WireClient.location(
				next.submit("/login", "/login", Map.of("username", "ada", "password", AccountTestSupport.PASSWORD))))
			.endsWith("/login/code");
	}

	@Test
	void usersAreNotAsked() throws Exception {
		this.accounts.user("paula");
		WireClient browser = new WireClient(base());
		assertThat(WireClient.location(browser.submit("/login", "/login",
				Map.of("username", "paula", "password", AccountTestSupport.PASSWORD))))
			.endsWith("/profile");
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
