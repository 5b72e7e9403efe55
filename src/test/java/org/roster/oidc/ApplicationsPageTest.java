package org.roster.oidc;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admins' Applications page: register (the secret shown once and working), a new
 * secret (the old one stops at once), delete; refused to users; a bad registration says
 * why and registers nothing.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class ApplicationsPageTest {

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

	WireClient admin;

	@BeforeEach
	void setUp() throws Exception {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM oauth2_registered_client").update();
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		accounts.admin("olga");
		accounts.user("ursula");
		this.admin = new WireClient("http://localhost:" + this.port);
		this.admin.submit("/login", "/login", Map.of("username", "olga", "password", AccountTestSupport.PASSWORD));
	}

	@Test
	void anAdminRegistersAnApplicationRenewsItsSecretAndDeletesIt() throws Exception {
		HttpResponse<String> registered = this.admin.postForm("/applications",
				"_csrf=" + enc(this.admin.csrfToken("/applications")) + "&name=Wiki&redirectUris="
						+ enc("https://wiki.example.com/cb") + "&scope=openid&scope=email&consent=true");
		assertThat(registered.statusCode()).isEqualTo(200);
		String clientId = between(registered.body(), "id=\"shown-client-id\">", "<");
		String secret = between(registered.body(), "id=\"shown-client-secret\">", "<");
		assertThat(registered.body()).contains("Shown this once", "Wiki", "confidential", "email openid");
		assertThat(tokenStatus(clientId, secret)).as("the secret works (the grant does not)").isEqualTo(400);
		assertThat(this.admin.get("/applications").body()).doesNotContain(secret);

		HttpResponse<String> renewed = this.admin.submit("/applications", "/applications/" + clientId + "/secret",
				Map.of());
		String newSecret = between(renewed.body(), "id=\"shown-client-secret\">", "<");
		assertThat(newSecret).isNotEqualTo(secret);
		assertThat(tokenStatus(clientId, secret)).as("the old secret stopped").isEqualTo(401);
		assertThat(tokenStatus(clientId, newSecret)).isEqualTo(400);

		HttpResponse<String> disabled = this.admin.submit("/applications", "/applications/" + clientId + "/disabled",
				Map.of("disabled", "true"));
		assertThat(WireClient.location(disabled)).endsWith("/applications?disabled");
		assertThat(this.admin.get("/applications?disabled").body()).contains("The application is disabled",
				">disabled<");
		assertThat(tokenStatus(clientId, newSecret)).as("unknown while disabled").isEqualTo(401);
		assertThat(this.admin.get("/applications/" + clientId + "/edit").body()).as("still the admins' to edit")
			.contains("value=\"Wiki\"");
		this.admin.submit("/applications", "/applications/" + clientId + "/disabled", Map.of("disabled", "false"));
		assertThat(tokenStatus(clientId, newSecret)).isEqualTo(400);

		HttpResponse<String> deleted = this.admin.submit("/applications", "/applications/" + clientId + "/delete",
				Map.of());
		assertThat(WireClient.location(deleted)).endsWith("/applications?deleted");
		assertThat(this.admin.get("/applications?deleted").body()).contains("The application is deleted")
			.doesNotContain(clientId);
		assertThat(tokenStatus(clientId, newSecret)).isEqualTo(401);
	}

	@Test
	void aBadRegistrationSaysWhyAndRegistersNothing() throws Exception {
		HttpResponse<String> refused = this.admin.postForm("/applications",
				"_csrf=" + enc(this.admin.csrfToken("/applications")) + "&name=&redirectUris="
						+ enc("http://wiki.example.com/cb") + "&scope=email");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("--name", "http://wiki.example.com/cb", "openid is required");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client").query(Integer.class).single())
			.isZero();
	}

	@Test
	void anAdminEditsAnApplicationInTheSameFormAndABadLifetimeSaysWhy() throws Exception {
		HttpResponse<String> registered = this.admin.postForm("/applications",
				"_csrf=" + enc(this.admin.csrfToken("/applications")) + "&name=Wiki&redirectUris="
						+ enc("https://wiki.example.com/cb") + "&scope=openid&scope=email&consent=true");
		String clientId = between(registered.body(), "id=\"shown-client-id\">", "<");

		String form = this.admin.get("/applications/" + clientId + "/edit").body();
		assertThat(form).contains("Edit the application", "value=\"Wiki\"", "https://wiki.example.com/cb",
				"name=\"accessTokenTtl\" value=\"5m\"", "name=\"refreshTokenTtl\" value=\"8h\"",
				"its kind cannot change", "action=\"/applications/" + clientId + "\"");

		HttpResponse<String> refused = this.admin.postForm("/applications/" + clientId,
				"_csrf=" + enc(this.admin.csrfToken("/applications")) + "&name=Wiki&publicClient=false&redirectUris="
						+ enc("https://wiki.example.com/cb") + "&scope=openid&accessTokenTtl=soon");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("--access-token-ttl: a duration such as", "value=\"soon\"",
				"Edit the application");

		HttpResponse<String> saved = this.admin.postForm("/applications/" + clientId,
				"_csrf=" + enc(this.admin.csrfToken("/applications")) + "&name=Team+wiki&publicClient=false"
						+ "&redirectUris=" + enc("https://wiki.example.com/cb\nhttps://wiki.example.com/cb2")
						+ "&scope=openid&scope=profile&consent=true&accessTokenTtl=2m&idTokenTtl=10m"
						+ "&refreshTokenTtl=30d&referenceTokens=true");
		assertThat(WireClient.location(saved)).endsWith("/applications?saved");
		assertThat(this.admin.get("/applications?saved").body()).contains("The application is saved", "Team wiki",
				"https://wiki.example.com/cb2", "openid profile");
		assertThat(this.admin.get("/applications/" + clientId + "/edit").body()).contains(
				"name=\"accessTokenTtl\" value=\"2m\"", "name=\"idTokenTtl\" value=\"10m\"",
				"name=\"refreshTokenTtl\" value=\"30d\"", "aria-describedby=\"app-reference-help\" checked");
		assertThat(this.admin.get("/applications/no-such-client/edit").statusCode()).isEqualTo(404);
	}

	@Test
	void usersGetNoApplicationsPage() throws Exception {
		WireClient user = new WireClient("http://localhost:" + this.port);
		user.submit("/login", "/login", Map.of("username", "ursula", "password", AccountTestSupport.PASSWORD));
		assertThat(user.get("/applications").statusCode()).isEqualTo(403);
		assertThat(user.get("/applications/any/edit").statusCode()).isEqualTo(403);
		assertThat(user.get("/profile").body()).doesNotContain("id=\"nav-applications\"");
		assertThat(this.admin.get("/profile").body()).contains("id=\"nav-applications\"");
	}

	private int tokenStatus(String clientId, String secret) throws Exception {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers.ofString("grant_type=authorization_code&code=nothing&redirect_uri="
						+ enc("https://wiki.example.com/cb")))
				.build(), BodyHandlers.ofString())
			.statusCode();
	}

	private static String between(String text, String start, String end) {
		int from = text.indexOf(start) + start.length();
		return text.substring(from, text.indexOf(end, from));
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
