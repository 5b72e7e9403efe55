package org.roster.account;

import java.net.CookieManager;
import java.net.CookiePolicy;
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

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.Outbox;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mailed link as a browser on the wire uses it, registration included: the link's page
 * and its button work with the anonymous cookie token and store no session (MockMvc only
 * imitates sessions), and the answer to a forged {@code Host} still mails the public
 * address.
 */
@ServerTest
class MailedLinksServerTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	Outbox outbox;

	@Autowired
	DataSource dataSource;

	TestDatabase db;

	@BeforeEach
	void setUp() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
	}

	@Test
	void registeringAndConfirmingFromAnotherBrowserStoresNoSession() throws Exception {
		Client registering = new Client();
		HttpResponse<String> registered = registering.submit("/register", "/register",
				Map.of("username", "wired", "email", "wired@example.org", "password", AccountTestSupport.PASSWORD,
						"passwordConfirm", AccountTestSupport.PASSWORD),
				"evil.example");
		assertThat(registered.statusCode()).isEqualTo(302);
		this.outbox.deliverDue();
		String link = TestMail.link(Mailbox.of(smtp, "wired@example.org").get(0), "/verify-email");
		assertThat(link).startsWith("https://roster.example.test/verify-email?token=");
		String path = link.substring("https://roster.example.test".length());

		// The link opened in another browser, as from a phone's mail program.
		Client phone = new Client();
		HttpResponse<String> page = phone.send(phone.page(path));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("wired@example.org").contains("Confirm my address");
		HttpResponse<String> confirmed = phone.post("/verify-email",
				Map.of("_csrf", Client.token(page.body()), "token", TestMail.token(link)));
		assertThat(confirmed.statusCode()).isEqualTo(302);
		assertThat(confirmed.headers().firstValue("Location").orElse("")).endsWith("/login?verified");
		assertThat(this.users.findByLogin("wired").orElseThrow().isEmailVerified()).isTrue();

		HttpResponse<String> again = phone.post("/verify-email",
				Map.of("_csrf", Client.token(page.body()), "token", TestMail.token(link)));
		assertThat(again.statusCode()).isEqualTo(410);
		assertThat(this.db.count("SPRING_SESSION")).as("anonymous visitors store nothing").isZero();
	}

	/** A cookie jar and no automatic redirects, like a browser seen from the server. */
	private final class Client {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpRequest page(String path) {
			return HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html").GET().build();
		}

		HttpResponse<String> send(HttpRequest request) throws Exception {
			return this.http.send(request, BodyHandlers.ofString());
		}

		static String token(String html) {
			return html.replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
		}

		/** Opens the form's page, then sends the form with its token (and this Host). */
		HttpResponse<String> submit(String formPage, String action, Map<String, String> fields, String host)
				throws Exception {
			Map<String, String> withToken = new HashMap<>(fields);
			withToken.put("_csrf", token(send(page(formPage)).body()));
			return send(form(action, withToken).header("X-Forwarded-Host", host).build());
		}

		HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
			return send(form(path, fields).build());
		}

		private HttpRequest.Builder form(String path, Map<String, String> fields) {
			String body = fields.entrySet()
				.stream()
				.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			return HttpRequest.newBuilder(URI.create(url(path)))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(BodyPublishers.ofString(body));
		}

	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

}
