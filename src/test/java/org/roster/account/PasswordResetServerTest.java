package org.roster.account;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.Outbox;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.WireClient;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forgot-password form as a client on the wire sees it: the answer for an unknown, a
 * suspended and a known account is byte for byte the same (but for the CSRF token, masked
 * anew in every page), a forged {@code Host} never reaches the mailed link, and the whole
 * anonymous flow stores no session. Every request comes from 127.0.0.1: a throttle of its
 * own context keeps these posts out of the bucket the other server tests draw from.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class PasswordResetServerTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

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

	@Autowired
	Outbox outbox;

	AccountTestSupport accounts;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	@Test
	void theAnswerIsTheSameForUnknownSuspendedAndKnownAccounts() throws Exception {
		this.accounts.user("known");
		this.users.changeStatus(this.accounts.user("suspended").getId(), UserStatus.SUSPENDED);
		WireClient client = new WireClient("http://127.0.0.1:" + this.port);
		HttpResponse<String> unknown = client.submit("/forgot-password", "/forgot-password",
				Map.of("login", "nobody-here"));
		HttpResponse<String> suspended = client.submit("/forgot-password", "/forgot-password",
				Map.of("login", "suspended"));
		HttpResponse<String> known = client.submit("/forgot-password", "/forgot-password", Map.of("login", "known"));
		HttpResponse<String> unknownEmail = client.submit("/forgot-password", "/forgot-password",
				Map.of("login", "nobody@example.com"));

		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(known.body()).contains("Check your mail");
		for (HttpResponse<String> other : List.of(unknown, suspended, unknownEmail)) {
			assertThat(other.statusCode()).isEqualTo(known.statusCode());
			assertThat(headers(other.headers())).isEqualTo(headers(known.headers()));
			assertThat(PasswordResetTest.withoutCsrf(other.body()))
				.isEqualTo(PasswordResetTest.withoutCsrf(known.body()));
		}
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox").query(Integer.class).single())
			.as("only the known, active account gets a mail")
			.isOne();
	}

	@Test
	void aForgedHostHeaderNeverReachesTheLink() throws Exception {
		this.accounts.user("hosted");
		WireClient client = new WireClient("http://127.0.0.1:" + this.port);
		String token = client.csrfToken("/forgot-password");
		String body = "login=hosted&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
		String request = "POST /forgot-password HTTP/1.1\r\n" + "Host: evil.example\r\n"
				+ "X-Forwarded-Host: evil.example\r\n" + "X-Forwarded-Proto: http\r\n"
				+ "Forwarded: host=evil.example\r\n" + "Cookie: " + SessionOrCookieCsrfTokenRepository.COOKIE_NAME + "="
				+ client.cookie(SessionOrCookieCsrfTokenRepository.COOKIE_NAME).getValue() + "\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\n" + "Accept: text/html\r\n" + "Content-Length: "
				+ body.length() + "\r\n" + "Connection: close\r\n\r\n" + body;
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 200").contains("Check your mail");
		}
		this.outbox.deliverDue();
		MimeMessage mail = smtp.getReceivedMessages()[0];
		assertThat(TestMail.links(TestMail.parts(mail).text())).isNotEmpty()
			.allSatisfy((link) -> assertThat(link).startsWith("https://roster.example.test/"));
		assertThat(TestMail.links(TestMail.parts(mail).html())).isNotEmpty()
			.allSatisfy((link) -> assertThat(link).startsWith("https://roster.example.test/"));
		assertThat(TestMail.parts(mail).html()).doesNotContain("evil.example");
	}

	@Test
	void theWholeAnonymousFlowStoresNoSession() throws Exception {
		this.accounts.user("sessionless");
		WireClient client = new WireClient("http://127.0.0.1:" + this.port);
		client.submit("/forgot-password", "/forgot-password", Map.of("login", "sessionless"));
		this.outbox.deliverDue();
		String link = TestMail.link(smtp.getReceivedMessages()[0], "/reset-password");
		String path = link.substring("https://roster.example.test".length());
		HttpResponse<String> form = client.get(path);
		assertThat(form.statusCode()).isEqualTo(200);
		HttpResponse<String> refused = client.submit(path, "/reset-password",
				Map.of("token", TestMail.token(link), "password", "short", "passwordConfirm", "short"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Use at least 8 characters.");
		HttpResponse<String> done = client.submit(path, "/reset-password", Map.of("token", TestMail.token(link),
				"password", PasswordResetTest.NEW_PASSWORD, "passwordConfirm", PasswordResetTest.NEW_PASSWORD));
		assertThat(done.statusCode()).isEqualTo(302);
		assertThat(done.headers().firstValue("Location").orElse("")).endsWith("/login?passwordSet");
		assertThat(client.get("/login?passwordSet").body()).contains("Your password is set. Sign in with it.");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION").query(Integer.class).single()).isZero();
		HttpResponse<String> again = client.get(path);
		assertThat(again.statusCode()).isEqualTo(410);
		assertThat(again.body()).contains("This link has expired or was already used");
	}

	private static Map<String, List<String>> headers(HttpHeaders headers) {
		Map<String, List<String>> kept = new TreeMap<>(headers.map());
		kept.remove("date");
		return kept;
	}

}
