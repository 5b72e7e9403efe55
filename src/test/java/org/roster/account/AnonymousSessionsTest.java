package org.roster.account;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.ServerTest;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anonymous visitors store nothing on the server: page views, failed sign-ins, refused
 * registrations and visits of protected pages leave the session table empty (a crawler
 * could otherwise grow it for hours), while the forms stay CSRF-protected by a cookie
 * token and a sign-in still returns to the page asked for. On a real server, as a browser
 * and a crawler see it.
 */
@ServerTest
class AnonymousSessionsTest {

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	AccountTestSupport accounts;

	JdbcTemplate jdbc;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.update("DELETE FROM SPRING_SESSION");
	}

	@Test
	void threeHundredAnonymousPageViewsStoreNoSession() throws Exception {
		this.accounts.user("visited");
		HttpClient crawler = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		for (int i = 0; i < 100; i++) {
			assertThat(crawler.send(page("/login"), BodyHandlers.discarding()).statusCode()).isEqualTo(200);
			assertThat(crawler.send(page("/register"), BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		}
		for (int i = 0; i < 40; i++) {
			assertThat(crawler.send(page("/profile"), BodyHandlers.discarding()).statusCode()).isEqualTo(302);
		}
		// Failed sign-ins and refused registrations, sent by a browser (cookie and
		// token);
		// the throttle allows 30 sign-ins a minute from one address.
		Browser browser = new Browser();
		for (int i = 0; i < 25; i++) {
			HttpResponse<String> failed = browser.submit("/login", "/login",
					Map.of("username", "visited", "password", "not-the-password-" + i));
			assertThat(failed.statusCode()).isEqualTo(200);
			assertThat(failed.body()).contains("Incorrect username or password").contains("value=\"visited\"");
		}
		for (int i = 0; i < 35; i++) {
			HttpResponse<String> refused = browser.submit("/register", "/register", Map.of("username", "x", "email",
					"not-an-address", "password", "short", "passwordConfirm", "other"));
			assertThat(refused.statusCode()).isEqualTo(200);
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM SPRING_SESSION", Integer.class)).isZero();
	}

	@Test
	void theAnonymousFormsAreProtectedByACookieTokenThatSigningInReplaces() throws Exception {
		this.accounts.user("cookied");
		Browser browser = new Browser();
		String token = browser.token("/login");
		HttpCookie csrf = browser.cookie(SessionOrCookieCsrfTokenRepository.COOKIE_NAME);
		assertThat(csrf).isNotNull();
		assertThat(csrf.isHttpOnly()).isTrue();

		// Another browser without the cookie cannot use the token.
		HttpResponse<String> forged = new Browser().post("/login",
				Map.of("_csrf", token, "username", "cookied", "password", AccountTestSupport.PASSWORD));
		assertThat(forged.statusCode()).isEqualTo(403);

		HttpResponse<String> signedIn = browser.post("/login",
				Map.of("_csrf", token, "username", "cookied", "password", AccountTestSupport.PASSWORD));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/profile");
		assertThat(browser.cookie(SessionOrCookieCsrfTokenRepository.COOKIE_NAME))
			.as("the anonymous token ends with the sign-in")
			.isNull();
		assertThat(browser.cookie("ROSTER_SESSION")).isNotNull();

		// Signed in, the old cookie token no longer authorises anything; the session's
		// does.
		browser.cookies.getCookieStore().add(URI.create(url("/")), csrf);
		assertThat(browser.post("/logout", Map.of("_csrf", token)).statusCode()).isEqualTo(403);
		String sessionToken = browser.token("/profile");
		HttpResponse<String> out = browser.post("/logout", Map.of("_csrf", sessionToken));
		assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login?logout");
	}

	@Test
	void signingInReturnsToThePageAskedForWithoutAStoredSession() throws Exception {
		this.accounts.user("returner");
		Browser browser = new Browser();
		HttpResponse<String> asked = browser.send(page("/profile?tab=photo"));
		assertThat(asked.statusCode()).isEqualTo(302);
		assertThat(browser.cookie("REDIRECT_URI")).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM SPRING_SESSION", Integer.class)).isZero();
		HttpResponse<String> signedIn = browser.submit("/login", "/login",
				Map.of("username", "returner", "password", AccountTestSupport.PASSWORD));
		assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/profile?tab=photo");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'returner'",
				Integer.class))
			.isOne();
	}

	private HttpRequest page(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html").GET().build();
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	/** A cookie jar and no automatic redirects, like a browser seen from the server. */
	private final class Browser {

		final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> send(HttpRequest request) throws Exception {
			return this.http.send(request, BodyHandlers.ofString());
		}

		/** The CSRF token the page gives its scripts and forms. */
		String token(String path) throws Exception {
			return send(page(path)).body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
		}

		/** Opens the page with the form, then sends the form with its token. */
		HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) throws Exception {
			Map<String, String> withToken = new HashMap<>(fields);
			withToken.put("_csrf", token(formPage));
			return post(action, withToken);
		}

		HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
			String form = fields.entrySet()
				.stream()
				.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return send(HttpRequest.newBuilder(URI.create(url(path)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(BodyPublishers.ofString(form))
				.build());
		}

		HttpCookie cookie(String name) {
			return this.cookies.getCookieStore()
				.getCookies()
				.stream()
				.filter((cookie) -> cookie.getName().equals(name))
				.findFirst()
				.orElse(null);
		}

	}

}
