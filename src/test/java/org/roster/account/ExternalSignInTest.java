package org.roster.account;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.profile.ProfileService;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestProviders;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing in with another account against a real OAuth2 / OpenID Connect server
 * ({@link TestProviders}), as a browser on the wire does it: the provider's button, the
 * provider's redirect back with a code, Roster's answer.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class ExternalSignInTest {

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		TestProviders.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	ProfileService profiles;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Authenticators authenticators;

	AccountTestSupport accounts;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	@Test
	void bothProvidersHaveAButtonOnTheSignInAndRegistrationPages() throws Exception {
		WireClient client = client();
		for (String page : new String[] { "/login", "/register" }) {
			String body = client.get(page).body();
			assertThat(body).contains("href=\"/oauth2/authorization/oidc\"", "Continue with Test ID")
				.contains("href=\"/oauth2/authorization/github\"", "Continue with GitHub");
		}
	}

	@Test
	void aVerifiedAddressMakesAnAccountThatSignsInAgainThroughItsLink() throws Exception {
		TestProviders.nextOidc("subject-ada", Map.of("email", "Ada@Example.com", "email_verified", true, "name",
				"Ada Lovelace", "preferred_username", "ada"));
		WireClient client = client();
		HttpResponse<String> back = TestProviders.signIn(client, "oidc");
		assertThat(back.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(back)).endsWith("/profile");
		HttpResponse<String> profile = client.get("/profile");
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(profile.body()).contains("ada@example.com", "Sign-in methods", "Mail me a link to set one");

		User ada = this.users.findByLogin("ada").orElseThrow();
		assertThat(ada.isEmailVerified()).isTrue();
		assertThat(ada.hasPassword()).as("nobody knows its password").isFalse();
		assertThat(ada.getLastLoginAt()).isNotNull();
		assertThat(this.profiles.get(ada.getId()).fullName()).isEqualTo("Ada Lovelace");
		assertThat(this.jdbc.sql("SELECT subject, email FROM user_identities WHERE user_id = ? AND provider = 'oidc'")
			.param(ada.getId())
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
			.single()).isEqualTo("subject-ada ada@example.com");

		TestProviders.nextOidc("subject-ada", Map.of("email", "ada@example.com", "email_verified", true));
		WireClient again = client();
		assertThat(WireClient.location(TestProviders.signIn(again, "oidc"))).endsWith("/profile");
		assertThat(again.get("/profile").body()).contains("ada@example.com");
		assertThat(this.users.usernameTaken("ada2")).as("no second account").isFalse();
	}

	@Test
	void anAuthenticatorIsAskedForAfterAProviderSignInToo() throws Exception {
		TestProviders.nextOidc("subject-dora",
				Map.of("email", "dora@example.com", "email_verified", true, "preferred_username", "dora"));
		WireClient first = client();
		assertThat(WireClient.location(TestProviders.signIn(first, "oidc"))).endsWith("/profile");
		User dora = this.users.findByLogin("dora").orElseThrow();
		String secret = TotpCodes.newSecret();
		long step = Math.floorDiv(Instant.now().getEpochSecond(), TotpCodes.PERIOD_SECONDS);
		this.authenticators.add(dora.getId(), secret, step);

		TestProviders.nextOidc("subject-dora", Map.of("email", "dora@example.com", "email_verified", true));
		WireClient again = client();
		assertThat(WireClient.location(TestProviders.signIn(again, "oidc"))).endsWith("/login/code");
		assertThat(WireClient.location(again.get("/profile"))).endsWith("/login");
		HttpResponse<String> code = again.submit("/login/code", "/login/code",
				Map.of("code", TotpCodes.codeAt(secret, step + 1)));
		assertThat(WireClient.location(code)).endsWith("/profile");
		assertThat(again.get("/profile").statusCode()).isEqualTo(200);
	}

	@Test
	void gitHubGivesItsVerifiedPrimaryAddressAndItsLoginBecomesTheUsername() throws Exception {
		this.accounts.user("octocat");
		TestProviders.nextGitHub(583231, Map.of("login", "octocat", "name", "The Octocat"),
				"[{\"email\":\"old@example.com\",\"primary\":false,\"verified\":true},"
						+ "{\"email\":\"octo@example.com\",\"primary\":true,\"verified\":true}]");
		WireClient client = client();
		assertThat(WireClient.location(TestProviders.signIn(client, "github"))).endsWith("/profile");
		User user = this.users.findByLogin("octo@example.com").orElseThrow();
		assertThat(user.getUsername()).as("octocat was taken").isEqualTo("octocat2");
		assertThat(user.isEmailVerified()).isTrue();
		assertThat(this.jdbc.sql("SELECT subject FROM user_identities WHERE provider = 'github'")
			.query(String.class)
			.single()).isEqualTo("583231");
	}

	@Test
	void anUnverifiedAddressNeverReachesAnAccountAndTheAddressGivenIsConfirmedByMail() throws Exception {
		User bob = this.accounts.user("bob");
		TestProviders.nextOidc("subject-mallory",
				Map.of("email", bob.getEmail(), "email_verified", false, "preferred_username", "mallory"));
		WireClient client = client();
		HttpResponse<String> back = TestProviders.signIn(client, "oidc");
		assertThat(WireClient.location(back)).endsWith("/login/external");
		assertThat(client.get("/profile").statusCode()).as("not signed in").isEqualTo(302);
		String page = client.get("/login/external").body();
		assertThat(page).contains("Test ID did not tell us a confirmed email address");
		assertThat(identities()).isZero();

		HttpResponse<String> taken = client.submit("/login/external", "/login/external/email",
				Map.of("email", bob.getEmail()));
		assertThat(taken.statusCode()).isEqualTo(200);
		assertThat(taken.body()).contains("An account already uses this address.");
		assertThat(identities()).isZero();

		HttpResponse<String> created = client.submit("/login/external", "/login/external/email",
				Map.of("email", "mallory@example.com"));
		assertThat(created.statusCode()).isEqualTo(302);
		User mallory = this.users.findByLogin("mallory").orElseThrow();
		assertThat(mallory.getEmail()).isEqualTo("mallory@example.com");
		assertThat(mallory.isEmailVerified()).isFalse();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ?")
			.param(mallory.getId())
			.query(Integer.class)
			.single()).as("the verification mail").isOne();
		assertThat(client.get("/profile").body()).contains("mallory@example.com");
		assertThat(this.users.get(bob.getId()).getEmail()).isEqualTo(bob.getEmail());
	}

	@Test
	void aLinkByPasswordWaitsForTheSecondFactorAndThenLinks() throws Exception {
		User erin = this.accounts.user("erin");
		String secret = TotpCodes.newSecret();
		long step = Math.floorDiv(Instant.now().getEpochSecond(), TotpCodes.PERIOD_SECONDS);
		this.authenticators.add(erin.getId(), secret, step);
		TestProviders.nextOidc("subject-erin", Map.of("email", erin.getEmail(), "email_verified", true));
		WireClient client = client();
		assertThat(WireClient.location(TestProviders.signIn(client, "oidc"))).endsWith("/login/external");
		HttpResponse<String> password = client.submit("/login/external", "/login",
				Map.of("username", "erin", "password", AccountTestSupport.PASSWORD, "link", "oidc"));
		assertThat(WireClient.location(password)).endsWith("/login/code");
		assertThat(identities()).as("not before the code").isZero();
		HttpResponse<String> code = client.submit("/login/code", "/login/code",
				Map.of("code", TotpCodes.codeAt(secret, step + 1)));
		assertThat(WireClient.location(code)).endsWith("/profile");
		assertThat(client.get("/profile").body()).contains("Your Test ID account is linked");
		assertThat(identities()).isOne();
	}

	@Test
	void theAddressOfAnAccountLinksOnlyAfterItsPasswordFromTheLinkPage() throws Exception {
		User carol = this.accounts.user("carol");
		TestProviders.nextOidc("subject-carol", Map.of("email", carol.getEmail(), "email_verified", true));
		WireClient client = client();
		assertThat(WireClient.location(TestProviders.signIn(client, "oidc"))).endsWith("/login/external");
		assertThat(client.get("/login/external").body())
			.contains("An account already uses the address " + carol.getEmail(), "Sign in and link Test ID");
		assertThat(identities()).as("never linked by the address alone").isZero();

		HttpResponse<String> wrong = client.submit("/login/external", "/login",
				Map.of("username", "carol", "password", "not-the-password", "link", "oidc"));
		assertThat(wrong.body()).contains("Incorrect username or password");
		assertThat(identities()).isZero();

		HttpResponse<String> right = client.submit("/login/external", "/login",
				Map.of("username", "carol", "password", AccountTestSupport.PASSWORD, "link", "oidc"));
		assertThat(WireClient.location(right)).endsWith("/profile");
		assertThat(client.get("/profile").body()).contains("Your Test ID account is linked");
		assertThat(identities()).isOne();

		TestProviders.nextOidc("subject-carol", Map.of("email", carol.getEmail(), "email_verified", true));
		WireClient elsewhere = client();
		assertThat(WireClient.location(TestProviders.signIn(elsewhere, "oidc"))).endsWith("/profile");
		assertThat(elsewhere.get("/profile").body()).contains(carol.getEmail());
	}

	@Test
	void aPasswordSignInThatDidNotComeFromTheLinkPageLinksNothing() throws Exception {
		User dora = this.accounts.user("dora");
		TestProviders.nextOidc("subject-other", Map.of("email", dora.getEmail(), "email_verified", true));
		WireClient shared = client();
		assertThat(WireClient.location(TestProviders.signIn(shared, "oidc"))).endsWith("/login/external");
		// Someone else at the same computer signs in from the sign-in page.
		HttpResponse<String> signIn = shared.submit("/login", "/login",
				Map.of("username", "dora", "password", AccountTestSupport.PASSWORD));
		assertThat(WireClient.location(signIn)).endsWith("/profile");
		assertThat(identities()).isZero();
	}

	@Test
	void aSignedInUserLinksAndRemovesAProviderOnTheProfile() throws Exception {
		User erin = this.accounts.user("erin");
		WireClient client = client();
		assertThat(WireClient.location(
				client.submit("/login", "/login", Map.of("username", "erin", "password", AccountTestSupport.PASSWORD))))
			.endsWith("/profile");
		TestProviders.nextGitHub(1001, Map.of("login", "erin-gh"), "[]");
		HttpResponse<String> start = client.submit("/profile", "/profile/sign-in-methods/github", Map.of());
		assertThat(WireClient.location(start)).endsWith("/oauth2/authorization/github");
		HttpResponse<String> back = client.follow(client.get(WireClient.location(start)));
		assertThat(back.uri().getPath()).isEqualTo("/profile");
		assertThat(back.body()).contains("Your GitHub account is linked", "id=\"unlink-github\"");
		assertThat(identities()).isOne();
		assertThat(this.users.findByLogin("erin-gh")).as("no account of its own").isEmpty();

		HttpResponse<String> removed = client.submit("/profile", "/profile/sign-in-methods/github/remove", Map.of());
		assertThat(WireClient.location(removed)).contains("/profile");
		assertThat(client.get("/profile").body()).contains("Your GitHub account is no longer linked");
		assertThat(identities()).isZero();
		assertThat(this.users.get(erin.getId()).isActive()).isTrue();
	}

	@Test
	void theProfilesLinkFormMayGoOnToTheProviders() throws Exception {
		// The Link button is a form whose answer redirects to the provider: browsers
		// check each redirect of a form's submission against form-action.
		this.accounts.user("hana");
		WireClient client = client();
		client.submit("/login", "/login", Map.of("username", "hana", "password", AccountTestSupport.PASSWORD));
		HttpResponse<String> profile = client.get("/profile");
		assertThat(profile.body()).contains("action=\"/profile/sign-in-methods/github\"");
		String provider = origin(TestProviders.server().authorizationEndpointUrl("github").uri());
		String formAction = profile.headers()
			.firstValue("Content-Security-Policy")
			.orElseThrow()
			.replaceAll(".*(form-action [^;]*).*", "$1");
		assertThat(formAction).isEqualTo("form-action 'self' " + provider);
	}

	@Test
	void theOnlySignInMethodOfAnAccountCannotBeRemoved() throws Exception {
		TestProviders.nextOidc("subject-frank",
				Map.of("email", "frank@example.com", "email_verified", true, "preferred_username", "frank"));
		WireClient client = client();
		TestProviders.signIn(client, "oidc");
		HttpResponse<String> refused = client.submit("/profile", "/profile/sign-in-methods/oidc/remove", Map.of());
		assertThat(WireClient.location(refused)).contains("/profile");
		assertThat(client.get("/profile").body()).contains("Test ID is the only way into your account");
		assertThat(identities()).isOne();
	}

	@Test
	void anAccountWithoutAPasswordIsDeletedByTypingItsUsername() throws Exception {
		TestProviders.nextOidc("subject-lena",
				Map.of("email", "lena@example.com", "email_verified", true, "preferred_username", "lena"));
		WireClient client = client();
		TestProviders.signIn(client, "oidc");
		long lena = this.users.findByLogin("lena").orElseThrow().getId();
		String token = client.csrfToken("/profile");
		HttpResponse<String> refused = client.send("DELETE", "/delete_user?id=" + lena, token,
				"{\"username\":\"someone-else\"}");
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(refused.body()).contains("Type your username to confirm");
		HttpResponse<String> deleted = client.send("DELETE", "/delete_user?id=" + lena, token,
				"{\"username\":\"Lena\"}");
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(this.users.findById(lena)).isEmpty();
		assertThat(identities()).as("the link goes with the account").isZero();
	}

	@Test
	void aSuspendedAccountIsRefusedLikeAPasswordSignIn() throws Exception {
		TestProviders.nextOidc("subject-gina",
				Map.of("email", "gina@example.com", "email_verified", true, "preferred_username", "gina"));
		TestProviders.signIn(client(), "oidc");
		User gina = this.users.findByLogin("gina").orElseThrow();
		this.users.changeStatus(gina.getId(), UserStatus.SUSPENDED);

		TestProviders.nextOidc("subject-gina", Map.of("email", "gina@example.com", "email_verified", true));
		WireClient client = client();
		HttpResponse<String> refused = TestProviders.signIn(client, "oidc");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("This account is suspended.");
		assertThat(client.get("/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void aLockedAccountIsRefusedUntilTheLockEnds() throws Exception {
		TestProviders.nextOidc("subject-mia",
				Map.of("email", "mia@example.com", "email_verified", true, "preferred_username", "mia"));
		TestProviders.signIn(client(), "oidc");
		User mia = this.users.findByLogin("mia").orElseThrow();
		this.users.lockUntil(mia.getId(), Instant.now().plusSeconds(600));

		TestProviders.nextOidc("subject-mia", Map.of("email", "mia@example.com", "email_verified", true));
		WireClient client = client();
		HttpResponse<String> refused = TestProviders.signIn(client, "oidc");
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("This account is locked for a while");
		assertThat(client.get("/profile").statusCode()).isEqualTo(302);

		this.users.unlock(mia.getId());
		TestProviders.nextOidc("subject-mia", Map.of("email", "mia@example.com", "email_verified", true));
		assertThat(WireClient.location(TestProviders.signIn(client, "oidc"))).endsWith("/profile");
	}

	@Test
	void aStateThatIsNotTheSessionsIsRefused() throws Exception {
		// Nobody queued at the provider: a refused round trip never reaches its token
		// endpoint, and would leave the person for the next test.
		WireClient client = client();
		HttpResponse<String> toProvider = client.get("/oauth2/authorization/oidc");
		HttpResponse<String> fromProvider = client.get(WireClient.location(toProvider));
		String callback = WireClient.location(fromProvider).replaceAll("state=[^&]+", "state=forged");
		HttpResponse<String> refused = client.get(callback);
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Signing in with the other account did not work");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single()).isZero();
		assertThat(client.get("/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void anIdTokenForAnotherSignInIsRefused() throws Exception {
		// The code of a sign-in another browser started brought to this browser's round
		// trip: its PKCE verifier and its ID token's nonce are not this session's.
		WireClient victim = client();
		String victimCallback = WireClient
			.location(victim.get(WireClient.location(victim.get("/oauth2/authorization/oidc"))));
		WireClient attacker = client();
		String attackerCallback = WireClient
			.location(attacker.get(WireClient.location(attacker.get("/oauth2/authorization/oidc"))));
		String code = URI.create(attackerCallback).getQuery().replaceAll(".*code=([^&]+).*", "$1");
		HttpResponse<String> refused = victim.get(victimCallback.replaceAll("code=[^&]+", "code=" + code));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("Signing in with the other account did not work");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single()).isZero();
		assertThat(victim.get("/profile").statusCode()).isEqualTo(302);
	}

	@Test
	void theProvidersPictureBecomesTheAvatarThroughTheImagePipeline() throws Exception {
		TestProviders.nextOidc("subject-jane", Map.of("email", "jane@example.com", "email_verified", true,
				"preferred_username", "jane", "picture", TestProviders.pictureUrl()));
		TestProviders.signIn(client(), "oidc");
		long jane = this.users.findByLogin("jane").orElseThrow().getId();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.profiles.findImage(jane).isPresent());
		assertThat(this.profiles.findImage(jane).orElseThrow()).as("stored by Roster, never hot-linked")
			.doesNotContain(TestProviders.pictureUrl())
			.contains("avatars/" + jane);
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
	}

	private int identities() {
		return this.jdbc.sql("SELECT COUNT(*) FROM user_identities").query(Integer.class).single();
	}

	private WireClient client() {
		return new WireClient("http://localhost:" + this.port);
	}

}
