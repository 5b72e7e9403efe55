package org.roster.account;

import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.avatar.AvatarService;
import org.roster.testsupport.Pictures;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} on the application's port: for admins (a session or an
 * admin's API token), refused to everyone else; the counters move with what users do —
 * sign-ins by outcome, lockouts, registrations, avatar uploads and the FTP operations
 * behind them — beside the JVM and connection-pool gauges.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class MetricsTest {

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	AvatarService avatars;

	WireClient admin;

	User ursula;

	@BeforeEach
	void setUp() throws Exception {
		new TestDatabase(this.dataSource).deleteAllUsers();
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		accounts.admin("olga");
		this.ursula = accounts.user("ursula");
		this.admin = signIn("olga", AccountTestSupport.PASSWORD);
	}

	@Test
	void onlyAdminsScrapeOnTheApplicationsPort() throws Exception {
		HttpResponse<String> scrape = scrape(this.admin);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes", "hikaricp_connections",
				"roster_sign_ins_total{method=\"password\",outcome=\"success\"}");
		assertThat(scrape(signIn("ursula", AccountTestSupport.PASSWORD)).statusCode()).isEqualTo(403);
		assertThat(scrape(null).statusCode()).isEqualTo(401);
	}

	@Test
	void signInsLockoutsAndSuspensionsAreCountedByOutcome() throws Exception {
		String before = scrape(this.admin).body();
		signIn("ursula", AccountTestSupport.PASSWORD);
		signIn("ursula", "not-her-password");
		String after = scrape(this.admin).body();
		assertThat(value(after, "roster_sign_ins_total", "outcome=\"success\"")
				- value(before, "roster_sign_ins_total", "outcome=\"success\""))
			.isEqualTo(1);
		assertThat(value(after, "roster_sign_ins_total", "outcome=\"failure\"")
				- value(before, "roster_sign_ins_total", "outcome=\"failure\""))
			.isEqualTo(1);

		for (int i = 0; i < 6; i++) {
			signIn("ursula", "still-not-her-password");
		}
		String locked = scrape(this.admin).body();
		assertThat(value(locked, "roster_lockouts_total", "") - value(after, "roster_lockouts_total", ""))
			.as("one lock, extended by the failures after it")
			.isEqualTo(1);

		User suspended = new AccountTestSupport(this.users, this.encoder).user("sam");
		this.users.changeStatus(suspended.getId(), UserStatus.SUSPENDED);
		signIn("sam", AccountTestSupport.PASSWORD);
		assertThat(value(scrape(this.admin).body(), "roster_sign_ins_total", "outcome=\"suspended\"")
				- value(locked, "roster_sign_ins_total", "outcome=\"suspended\""))
			.isEqualTo(1);
	}

	@Test
	void registrationsAndAvatarUploadsWithTheirFtpOperationsAreCounted() throws Exception {
		String before = scrape(this.admin).body();
		WireClient visitor = new WireClient(base());
		visitor.submit("/register", "/register", Map.of("username", "newcomer", "email", "newcomer@example.com",
				"password", "copper-lantern-violet-82", "passwordConfirm", "copper-lantern-violet-82"));
		this.avatars.upload(this.ursula.getId(), Pictures.portrait(64, Color.RED, Color.BLUE));
		String after = scrape(this.admin).body();
		assertThat(value(after, "roster_registrations_total", "") - value(before, "roster_registrations_total", ""))
			.isEqualTo(1);
		assertThat(value(after, "roster_avatar_uploads_total", "outcome=\"success\"")
				- value(before, "roster_avatar_uploads_total", "outcome=\"success\""))
			.isEqualTo(1);
		assertThat(value(after, "roster_ftp_operations_seconds_count", "operation=\"put\",outcome=\"success\""))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void anAdminsApiTokenScrapesAsPrometheusWould() throws Exception {
		String token = this.admin
			.send("POST", "/tokens", this.admin.csrfToken("/profile"),
					"{\"name\": \"prometheus\", \"scope\": \"read\", \"expiresInDays\": 365}")
			.body()
			.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		HttpResponse<String> scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus"))
				.header("Authorization", "Bearer " + token)
				.build(), BodyHandlers.ofString());
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("roster_lockouts_total");
	}

	/** A counter's value in a scrape (0 when absent). */
	static double value(String scrape, String name, String labels) {
		Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(scrape);
		double total = 0;
		while (line.find()) {
			if (line.group(1) == null || line.group(1).contains(labels)) {
				total += Double.parseDouble(line.group(2));
			}
		}
		return total;
	}

	/** As Prometheus asks (any text format), with the client's session (null: none). */
	private HttpResponse<String> scrape(WireClient client) throws Exception {
		return ((client != null) ? client : new WireClient(base())).get("/actuator/prometheus",
				"text/plain;version=0.0.4;q=0.9,*/*;q=0.1");
	}

	private WireClient signIn(String username, String password) throws Exception {
		WireClient client = new WireClient(base());
		client.submit("/login", "/login", Map.of("username", username, "password", password));
		return client;
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
