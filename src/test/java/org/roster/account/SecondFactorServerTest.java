package org.roster.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.nimbusds.jwt.SignedJWT;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.Outbox;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.MutableClock;
import org.roster.testsupport.OAuthApp;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Sha256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authenticator-app codes and recovery codes as a browser on the wire meets them, with a
 * clock the test moves: the set-up from the profile, the sign-in's code page, a code
 * counted once (on every node: the database says which step was used), the drift allowed,
 * recovery codes, the lockout, the half-signed-in session refused everywhere, the admin's
 * removal and the mails, and {@code amr} in the ID token.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
@Import(SecondFactorServerTest.Clocks.class)
class SecondFactorServerTest {

	static final String REDIRECT = "http://127.0.0.1:9/callback";

	static final String SECRET = "app-secret-for-tests";

	private static final Pattern SECRET_ON_PAGE = Pattern.compile("id=\"totp-secret\">([A-Z2-7 ]+)<");

	private static final Pattern CODE_ON_PAGE = Pattern.compile("<li class=\"col\">([a-z0-9-]{19})</li>");

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

	@Autowired
	MutableClock clock;

	@Autowired
	RegisteredClientRepository clients;

	AccountTestSupport accounts;

	User paula;

	String clientId = "totp-app-" + UUID.randomUUID();

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.jdbc.sql("DELETE FROM oauth2_authorization").update();
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.paula = this.accounts.user("paula");
		// The middle of a time step: a step either way is a whole step.
		long step = Math.floorDiv(this.clock.instant().getEpochSecond(), TotpCodes.PERIOD_SECONDS) + 1;
		this.clock.set(Instant.ofEpochSecond(step * TotpCodes.PERIOD_SECONDS + 15));
	}

	@Test
	void aUserSetsUpAnAuthenticatorAndThenSigningInAsksForItsCode() throws Exception {
		WireClient browser = signedIn("paula");
		Enrolment enrolment = enrol(browser);
		assertThat(enrolment.recoveryCodes()).hasSize(10).doesNotHaveDuplicates();
		assertThat(notices("paula")).contains("An authenticator app was set up");
		// Only the encrypted secret is kept, never the secret itself.
		String stored = this.jdbc.sql("SELECT secret FROM user_totp WHERE user_id = ?")
			.param(this.paula.getId())
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(enrolment.secret()).startsWith("d");

		WireClient again = new WireClient(base());
		HttpResponse<String> password = again.submit("/login", "/login",
				Map.of("username", "paula", "password", AccountTestSupport.PASSWORD));
		assertThat(WireClient.location(password)).endsWith("/login/code");
		assertThat(again.get("/login/code").body()).contains("id=\"code-form\"");
		HttpResponse<String> signedIn = again.submit("/login/code", "/login/code",
				Map.of("code", codeAt(enrolment.secret(), 1)));
		assertThat(WireClient.location(signedIn)).endsWith("/profile");
		HttpResponse<String> profile = again.get("/profile");
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(profile.body()).contains("id=\"authenticator-since\"").contains("10 unused codes left");
	}

	@Test
	void aCodeCountsOnceAndOnlyWithinOneStepOfTheClock() throws Exception {
		Enrolment enrolment = enrol(signedIn("paula"));
		// The set-up used the current step's code: it does not sign in.
		assertThat(codeRefused(enrolment.secret(), 0)).isTrue();
		// Two steps ahead or behind: refused.
		assertThat(codeRefused(enrolment.secret(), 2)).isTrue();
		this.clock.advance(Duration.ofSeconds(5 * TotpCodes.PERIOD_SECONDS));
		assertThat(codeRefused(enrolment.secret(), -2)).isTrue();
		// A step behind (a slow phone) signs in, and that code then never again.
		WireClient first = halfSignedIn("paula");
		assertThat(WireClient.location(submitCode(first, codeAt(enrolment.secret(), -1)))).endsWith("/profile");
		assertThat(codeRefused(enrolment.secret(), -1)).isTrue();
		// Nor an older step's code, once a later one was used.
		this.clock.advance(Duration.ofSeconds(TotpCodes.PERIOD_SECONDS));
		WireClient ahead = halfSignedIn("paula");
		assertThat(WireClient.location(submitCode(ahead, codeAt(enrolment.secret(), 1)))).endsWith("/profile");
		assertThat(codeRefused(enrolment.secret(), 0)).isTrue();
		assertThat(this.users.get(this.paula.getId()).getLockedUntil()).isNull();
	}

	@Test
	void recoveryCodesSignInOnceAndNewOnesVoidTheOld() throws Exception {
		WireClient browser = signedIn("paula");
		Enrolment enrolment = enrol(browser);
		String first = enrolment.recoveryCodes().get(0);
		WireClient withCode = halfSignedIn("paula");
		// Typed with capitals and spaces instead of dashes.
		assertThat(WireClient.location(submitCode(withCode, first.toUpperCase().replace('-', ' '))))
			.endsWith("/profile");
		assertThat(submitCode(halfSignedIn("paula"), first).body()).contains("id=\"code-error\"");

		HttpResponse<String> renewed = browser.submit("/profile", "/profile/recovery-codes", Map.of());
		assertThat(renewed.statusCode()).isEqualTo(200);
		assertThat(renewed.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		List<String> fresh = codesOn(renewed.body());
		assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(enrolment.recoveryCodes());
		assertThat(submitCode(halfSignedIn("paula"), enrolment.recoveryCodes().get(1)).body())
			.contains("id=\"code-error\"");
		assertThat(WireClient.location(submitCode(halfSignedIn("paula"), fresh.get(0)))).endsWith("/profile");
		assertThat(notices("paula")).contains("New recovery codes were made");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_recovery_codes WHERE code_hash = ?")
			.param(Sha256.hex(RecoveryCodes.normalise(fresh.get(1))))
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void wrongCodesCountTowardTheLockoutOfWrongPasswords() throws Exception {
		Enrolment enrolment = enrol(signedIn("paula"));
		WireClient attacker = halfSignedIn("paula");
		for (int i = 0; i < 5; i++) {
			assertThat(submitCode(attacker, "000000").body()).contains("id=\"code-error\"");
		}
		User locked = this.users.get(this.paula.getId());
		assertThat(locked.getFailedLogins()).isEqualTo(5);
		assertThat(locked.getLockedUntil()).isNotNull();
		// Even the right code is refused while the lock lasts.
		assertThat(submitCode(attacker, codeAt(enrolment.secret(), 1)).body()).contains("id=\"code-error\"");
		assertThat(attacker.get("/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void aHalfSignedInSessionHasNoAuthorityAnywhere() throws Exception {
		User ada = this.accounts.admin("ada");
		this.clients.save(client());
		enrol(signedIn("ada"));
		WireClient half = halfSignedIn("ada");
		String session = half.cookie("ROSTER_SESSION").getValue();

		HttpResponse<String> page = half.get("/profile");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(page)).endsWith("/login");
		assertThat(half.get("/user_list", "application/json").statusCode()).isEqualTo(401);
		assertThat(half.get("/users/" + ada.getId() + "/second-factors", "application/json").statusCode())
			.isEqualTo(401);
		HttpResponse<String> authorize = half.get(app().authorizeUrl(OAuthApp.verifier(), "s", "n"));
		assertThat(authorize.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(authorize)).endsWith("/login");
		// A change with the half session's own CSRF token.
		String csrf = half.csrfToken("/login/code");
		assertThat(half.send("DELETE", "/users/" + ada.getId() + "/second-factors", csrf, "").statusCode()).isIn(401,
				403);
		// A bearer header beside the half cookie: the token is checked on its own.
		HttpResponse<String> bearer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/user_list"))
				.header("Accept", "application/json")
				.header("Cookie", "ROSTER_SESSION=" + session)
				.header("Authorization", "Bearer rst_notARealTokenAtAll0000000000000000000000000")
				.build(), BodyHandlers.ofString());
		assertThat(bearer.statusCode()).isEqualTo(401);
		// Still nothing: the half sign-in did not turn into a sign-in on the way.
		assertThat(half.get("/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void anAdminRemovesAUsersSecondFactorsAndTheUserIsTold() throws Exception {
		enrol(signedIn("paula"));
		User ada = this.accounts.admin("ada");
		WireClient admin = signedIn("ada");
		String csrf = admin.csrfToken("/user_list");
		JsonNode before = JsonMapper.builder()
			.build()
			.readTree(admin.get("/users/" + this.paula.getId() + "/second-factors", "application/json").body());
		assertThat(before.get("authenticator").asBoolean()).isTrue();
		assertThat(before.get("recoveryCodesLeft").asInt()).isEqualTo(10);

		this.accounts.user("bob");
		WireClient user = signedIn("bob");
		assertThat(user.get("/users/" + this.paula.getId() + "/second-factors", "application/json").statusCode())
			.isEqualTo(403);
		HttpResponse<String> removed = admin.send("DELETE", "/users/" + this.paula.getId() + "/second-factors", csrf,
				"");
		assertThat(removed.statusCode()).isEqualTo(204);
		assertThat(notices("paula")).contains("An administrator removed the authenticator app");
		// In the activity log: the set-up by paula, the removal by the admin.
		assertThat(this.jdbc
			.sql("SELECT action || ' by ' || actor_name FROM audit_events WHERE target_id = ? AND action LIKE 'second%'"
					+ " ORDER BY id")
			.param(this.paula.getId())
			.query(String.class)
			.list()).containsExactly("second-factor-added by paula", "second-factor-removed by ada");
		JsonNode after = JsonMapper.builder()
			.build()
			.readTree(admin.get("/users/" + this.paula.getId() + "/second-factors", "application/json").body());
		assertThat(after.get("authenticator").asBoolean()).isFalse();
		assertThat(after.get("recoveryCodesLeft").asInt()).isZero();
		// The password alone signs in again.
		assertThat(WireClient.location(new WireClient(base()).submit("/login", "/login",
				Map.of("username", "paula", "password", AccountTestSupport.PASSWORD))))
			.endsWith("/profile");
		assertThat(admin.send("DELETE", "/users/999999/second-factors", csrf, "").statusCode()).isEqualTo(404);
		// Not with an API token, not even an admin's: second factors are changed in a
		// session.
		HttpResponse<String> created = admin.send("POST", "/tokens", csrf,
				"{\"name\": \"script\", \"scope\": \"write\", \"expiresInDays\": 30}");
		String token = JsonMapper.builder().build().readTree(created.body()).get("token").asString();
		HttpResponse<String> withToken = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base() + "/users/" + this.paula.getId() + "/second-factors"))
				.header("Accept", "application/json")
				.header("Authorization", "Bearer " + token)
				.DELETE()
				.build(), BodyHandlers.ofString());
		assertThat(withToken.statusCode()).isEqualTo(403);
		assertThat(withToken.body()).contains("/problems/token-refused");
		assertThat(ada.isAdmin()).isTrue();
	}

	@Test
	void changesNeedThePasswordOnceTheSignInIsNoLongerRecent() throws Exception {
		WireClient browser = signedIn("paula");
		Enrolment enrolment = enrol(browser);
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(browser.get("/profile").body()).contains("id=\"remove-authenticator-password\"");
		HttpResponse<String> refused = browser.submit("/profile", "/profile/authenticator/remove",
				Map.of("currentPassword", "not-the-password"));
		assertThat(WireClient.location(refused)).contains("/profile");
		assertThat(this.users.get(this.paula.getId()).getFailedLogins()).isEqualTo(1);
		assertThat(browser.submit("/profile", "/profile/authenticator/remove", Map.of()).statusCode()).isEqualTo(302);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_totp").query(Integer.class).single()).isEqualTo(1);

		browser.submit("/profile", "/profile/authenticator/remove",
				Map.of("currentPassword", AccountTestSupport.PASSWORD));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_totp").query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_recovery_codes").query(Integer.class).single()).isZero();
		assertThat(notices("paula")).contains("The authenticator app of your account was removed");
		// The set-up too asks for the password first.
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(browser.get("/profile/authenticator").body()).contains("id=\"confirm-password-form\"")
			.doesNotContain("id=\"qr-code\"");
		assertThat(enrolment.secret()).isNotBlank();
	}

	@Test
	void theIdTokenSaysWhichFactorsSignedIn() throws Exception {
		this.clients.save(client());
		WireClient withPassword = signedIn("paula");
		assertThat(amr(withPassword)).containsExactly("pwd");

		Enrolment enrolment = enrol(withPassword);
		WireClient withCode = halfSignedIn("paula");
		submitCode(withCode, codeAt(enrolment.secret(), 1));
		assertThat(amr(withCode)).containsExactly("pwd", "otp");
	}

	@Test
	void deletingTheUserDeletesTheirSecondFactors() throws Exception {
		enrol(signedIn("paula"));
		this.users.delete(this.paula.getId());
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_totp").query(Integer.class).single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM user_recovery_codes").query(Integer.class).single()).isZero();
	}

	private List<String> amr(WireClient browser) throws Exception {
		JsonNode tokens = app().tokensThrough(browser);
		return SignedJWT.parse(tokens.get("id_token").asString()).getJWTClaimsSet().getStringListClaim("amr");
	}

	/** Sets up an authenticator from the profile with the current step's code. */
	private Enrolment enrol(WireClient browser) throws Exception {
		HttpResponse<String> setUp = browser.get("/profile/authenticator");
		assertThat(setUp.statusCode()).as(setUp.body()).isEqualTo(200);
		assertThat(setUp.body()).contains("id=\"qr-code\"").contains("src=\"data:image/png;base64,");
		Matcher secret = SECRET_ON_PAGE.matcher(setUp.body());
		assertThat(secret.find()).isTrue();
		String key = secret.group(1).replace(" ", "");
		HttpResponse<String> wrong = browser.submit("/profile/authenticator", "/profile/authenticator",
				Map.of("code", codeAt(key, 3)));
		assertThat(wrong.body()).contains("is-invalid");
		HttpResponse<String> codes = browser.submit("/profile/authenticator", "/profile/authenticator",
				Map.of("code", codeAt(key, 0)));
		assertThat(codes.statusCode()).isEqualTo(200);
		return new Enrolment(key, codesOn(codes.body()));
	}

	private static List<String> codesOn(String page) {
		List<String> codes = new ArrayList<>();
		Matcher matcher = CODE_ON_PAGE.matcher(page);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	/** The code of the step {@code offset} steps from the clock's. */
	private String codeAt(String secret, int offset) {
		long step = Math.floorDiv(this.clock.instant().getEpochSecond(), TotpCodes.PERIOD_SECONDS) + offset;
		return TotpCodes.codeAt(secret, step);
	}

	private boolean codeRefused(String secret, int offset) throws Exception {
		HttpResponse<String> answer = submitCode(halfSignedIn("paula"), codeAt(secret, offset));
		return answer.statusCode() == 200 && answer.body().contains("id=\"code-error\"");
	}

	private HttpResponse<String> submitCode(WireClient browser, String code) throws Exception {
		return browser.submit("/login/code", "/login/code", Map.of("code", code));
	}

	private WireClient signedIn(String username) throws Exception {
		WireClient browser = new WireClient(base());
		HttpResponse<String> answer = browser.submit("/login", "/login",
				Map.of("username", username, "password", AccountTestSupport.PASSWORD));
		// An admin lands on the dashboard, a user on the profile.
		assertThat(WireClient.location(answer)).matches(".*/(profile|dashboard)$");
		return browser;
	}

	/** The right password of an account with an authenticator: on the code page. */
	private WireClient halfSignedIn(String username) throws Exception {
		WireClient browser = new WireClient(base());
		HttpResponse<String> answer = browser.submit("/login", "/login",
				Map.of("username", username, "password", AccountTestSupport.PASSWORD));
		assertThat(WireClient.location(answer)).endsWith("/login/code");
		return browser;
	}

	/** The text parts of the notices delivered to {@code username} so far. */
	private String notices(String username) throws Exception {
		this.outbox.deliverDue();
		StringBuilder texts = new StringBuilder();
		for (MimeMessage message : Mailbox.of(smtp, username + "@example.com")) {
			texts.append(message.getSubject()).append('\n').append(TestMail.parts(message).text());
		}
		return texts.toString().replaceAll("\\s+", " ");
	}

	private RegisteredClient client() {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(this.clientId)
			.clientSecret(this.encoder.encode(SECRET))
			.clientName("Test app")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(REDIRECT)
			.scope("openid")
			.scope("profile")
			.scope("email")
			.scope("roles")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.build();
	}

	private OAuthApp app() {
		return new OAuthApp(base(), this.clientId, SECRET, REDIRECT);
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	record Enrolment(String secret, List<String> recoveryCodes) {
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock();
		}

	}

}
