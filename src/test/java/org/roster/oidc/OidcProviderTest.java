package org.roster.oidc;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.account.SessionRevoker;
import org.roster.avatar.AvatarService;
import org.roster.testsupport.OAuthApp;
import org.roster.testsupport.Pictures;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.testsupport.OAuthApp.enc;
import static org.roster.testsupport.OAuthApp.parameter;

/**
 * Roster as an OpenID Connect provider, as an application on the wire sees it: discovery,
 * the code flow with PKCE through Roster's own sign-in page, the ID token checked against
 * the published keys, userinfo, refresh with rotation, and nothing usable at rest.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class OidcProviderTest {

	static final String REDIRECT = "http://127.0.0.1:9/callback";

	static final String SECRET = "app-secret-for-tests";

	static final String SIGNED_OUT = "http://127.0.0.1:9/signed-out";

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
	RegisteredClientRepository clients;

	@Autowired
	SessionRevoker sessions;

	@Autowired
	AvatarService avatars;

	@Autowired
	Grants grants;

	@Autowired
	TransactionTemplate transactions;

	final JsonMapper json = JsonMapper.builder().build();

	String clientId;

	User paula;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM oauth2_authorization").update();
		this.paula = new AccountTestSupport(this.users, this.encoder).user("paula");
		this.clientId = register(false);
	}

	private String register(boolean consent) {
		String id = "app-" + UUID.randomUUID();
		this.clients.save(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(id)
			.clientSecret(this.encoder.encode(SECRET))
			.clientName("Test app")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri(REDIRECT)
			.postLogoutRedirectUri(SIGNED_OUT)
			.scope("openid")
			.scope("profile")
			.scope("email")
			.scope("roles")
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(consent).build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.refreshTokenTimeToLive(Duration.ofHours(8))
				.reuseRefreshTokens(false)
				.build())
			.build());
		return id;
	}

	@Test
	void theConsentPageNamesTheAppAndWhatItWillSeeAndEitherAnswerGoesBack() throws Exception {
		this.clientId = register(true);
		WireClient browser = signedIn();
		String verifier = OAuthApp.verifier();
		HttpResponse<String> toConsent = browser.get(app().authorizeUrl(verifier, "s1", "n1"));
		assertThat(toConsent.statusCode()).as(toConsent.body()).isEqualTo(302);
		assertThat(WireClient.location(toConsent)).contains("/oauth2/consent");
		HttpResponse<String> page = browser.get(WireClient.location(toConsent));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Test app wants to sign you in", "your email address", "your role in Roster");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
			.contains("form-action 'self' http://127.0.0.1:9;");
		String state = page.body().replaceAll("(?s).*name=\"state\" value=\"([^\"]+)\".*", "$1");

		HttpResponse<String> allowed = browser.postForm("/oauth2/authorize",
				"client_id=" + enc(this.clientId) + "&state=" + enc(state) + "&scope=openid&scope=email");
		String callback = WireClient.location(allowed);
		assertThat(callback).startsWith(REDIRECT).contains("code=", "state=s1");
		JsonNode tokens = app().token(Map.of("grant_type", "authorization_code", "code", parameter(callback, "code"),
				"redirect_uri", REDIRECT, "code_verifier", verifier));
		assertThat(tokens.get("scope").asString()).contains("openid", "email").doesNotContain("roles");

		HttpResponse<String> again = browser.get(app().authorizeUrl(verifier, "s2", "n2"));
		HttpResponse<String> pageAgain = browser.get(WireClient.location(again));
		assertThat(pageAgain.body()).contains("already allowed: your email address");
		String state2 = pageAgain.body().replaceAll("(?s).*name=\"state\" value=\"([^\"]+)\".*", "$1");
		HttpResponse<String> denied = browser.submit(WireClient.location(again), "/oauth2/consent/deny",
				Map.of("state", state2));
		assertThat(WireClient.location(denied)).as("nothing, not even what was allowed before")
			.startsWith(REDIRECT)
			.contains("error=access_denied", "state=s2")
			.doesNotContain("code=");
		assertThat(browser.submit(WireClient.location(again), "/oauth2/consent/deny", Map.of("state", state2))
			.statusCode()).as("that request is over").isEqualTo(400);
	}

	@Test
	void discoveryNamesTheIssuerAndItsEndpoints() throws Exception {
		JsonNode discovery = this.json.readTree(app().get("/.well-known/openid-configuration").body());
		assertThat(discovery.get("issuer").asString()).isEqualTo("https://roster.example.test");
		assertThat(discovery.get("jwks_uri").asString()).endsWith("/oauth2/jwks");
		assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
		assertThat(discovery.get("userinfo_endpoint").asString()).endsWith("/userinfo");
	}

	@Test
	void anAppSignsAUserInThroughRostersSignInPageAndReadsTheirClaims() throws Exception {
		WireClient browser = new WireClient(base());
		String verifier = OAuthApp.verifier();
		String authorize = app().authorizeUrl(verifier, "state-1", "nonce-1");

		HttpResponse<String> toLogin = browser.get(authorize);
		assertThat(toLogin.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(toLogin)).endsWith("/login");
		HttpResponse<String> signedIn = browser.submit("/login", "/login",
				Map.of("username", "paula", "password", AccountTestSupport.PASSWORD));
		assertThat(WireClient.location(signedIn)).as("back to the authorization request").contains("/oauth2/authorize");
		HttpResponse<String> toApp = browser.get(WireClient.location(signedIn));
		String callback = WireClient.location(toApp);
		assertThat(callback).startsWith(REDIRECT).contains("state=state-1");
		String code = parameter(callback, "code");

		JsonNode tokens = app().token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
				"code_verifier", verifier));
		SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asString());
		RSAKey key = (RSAKey) JWKSet.parse(app().get("/oauth2/jwks").body())
			.getKeyByKeyId(idToken.getHeader().getKeyID());
		assertThat(idToken.verify(new RSASSAVerifier(key))).as("signed with a published key").isTrue();
		assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo(this.paula.getPublicId()).isNotEqualTo("paula");
		assertThat(idToken.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("nonce-1");
		assertThat(idToken.getJWTClaimsSet().getStringClaim("email")).isEqualTo(this.paula.getEmail());
		assertThat(idToken.getJWTClaimsSet().getStringClaim("preferred_username")).isEqualTo("paula");
		assertThat(idToken.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("USER");
		assertThat(idToken.getJWTClaimsSet().getStringListClaim("amr")).as("signed in with a password")
			.containsExactly("pwd");
		assertThat(idToken.getJWTClaimsSet().getIssuer()).isEqualTo("https://roster.example.test");

		String accessToken = tokens.get("access_token").asString();
		HttpResponse<String> userInfo = app().bearer("/userinfo", accessToken);
		assertThat(userInfo.statusCode()).isEqualTo(200);
		assertThat(userInfo.headers().firstValue("Set-Cookie")).as("a bearer request makes no session").isEmpty();
		JsonNode claims = this.json.readTree(userInfo.body());
		assertThat(claims.get("sub").asString()).isEqualTo(this.paula.getPublicId());
		assertThat(claims.get("email_verified").asBoolean()).isFalse();
		assertThat(claims.has("picture")).as("no avatar of her own").isFalse();

		String refresh = tokens.get("refresh_token").asString();
		List<String> atRest = this.jdbc
			.sql("SELECT COALESCE(authorization_code_value, '') || ' '"
					+ " || COALESCE(access_token_value, '') || ' ' || COALESCE(refresh_token_value, '') || ' '"
					+ " || COALESCE(oidc_id_token_value, '') FROM oauth2_authorization")
			.query(String.class)
			.list();
		assertThat(atRest).hasSize(1)
			.allSatisfy((row) -> assertThat(row).doesNotContain(code, accessToken, refresh)
				.doesNotContain(tokens.get("id_token").asString())
				.contains("sha256:"));

		JsonNode refreshed = app().token(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
		assertThat(refreshed.get("refresh_token").asString()).isNotEqualTo(refresh);
		HttpResponse<String> reused = app()
			.tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", refresh));
		assertThat(reused.statusCode()).as("a rotated refresh token is spent").isEqualTo(400);
		assertThat(reused.body()).contains("invalid_grant");
		HttpResponse<String> afterReuse = app().tokenResponse(
				Map.of("grant_type", "refresh_token", "refresh_token", refreshed.get("refresh_token").asString()));
		assertThat(afterReuse.statusCode()).as("its reuse ended the whole grant").isEqualTo(400);
		assertRefusedToken(app().bearer("/userinfo", refreshed.get("access_token").asString()));
	}

	@Test
	void thePictureClaimIsAnAddressAnyoneMayLoadWhileTheUserIsActive() throws Exception {
		this.avatars.upload(this.paula.getId(), Pictures.portrait(64, Color.ORANGE, Color.BLUE));
		JsonNode tokens = app().tokensThrough(signedIn());
		String picture = this.json.readTree(app().bearer("/userinfo", tokens.get("access_token").asString()).body())
			.get("picture")
			.asString();
		assertThat(picture).startsWith("https://roster.example.test/pictures/" + this.paula.getPublicId() + "?v=");
		String path = picture.substring("https://roster.example.test".length());
		HttpResponse<String> anonymous = app().get(path);
		assertThat(anonymous.statusCode()).as("no session: an image in the application's page").isEqualTo(200);
		assertThat(anonymous.headers().firstValue("Content-Type").orElse("")).startsWith("image/");
		assertThat(anonymous.headers().firstValue("Cache-Control").orElse("")).contains("public", "immutable");

		assertThat(app().get("/pictures/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
		assertThat(app().get("/pictures/" + this.paula.getId()).statusCode()).as("not by the internal id")
			.isEqualTo(404);
		User other = new AccountTestSupport(this.users, this.encoder).user("otto");
		assertThat(app().get("/pictures/" + other.getPublicId()).statusCode()).as("no avatar, no default image")
			.isEqualTo(404);
		this.users.changeStatus(this.paula.getId(), UserStatus.SUSPENDED);
		assertThat(app().get(path).statusCode()).isEqualTo(404);
	}

	@Test
	void anAccessTokenRevokedByTheApplicationIsRefusedAtOnceThoughItsGrantWasJustRead() throws Exception {
		String access = app().tokensThrough(signedIn()).get("access_token").asString();
		for (int i = 0; i < 3; i++) {
			assertThat(app().bearer("/userinfo", access).statusCode()).isEqualTo(200);
		}
		assertThat(app().revoke(access).statusCode()).isEqualTo(200);
		assertThat(app().bearer("/userinfo", access).statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(app().introspect(access).body()).get("active").asBoolean()).isFalse();
	}

	@Test
	void aSuspendedUsersTokensStopWorking() throws Exception {
		WireClient browser = signedIn();
		JsonNode tokens = app().tokensThrough(browser);
		assertThat(app().bearer("/userinfo", tokens.get("access_token").asString()).statusCode()).isEqualTo(200);
		this.users.changeStatus(this.paula.getId(), UserStatus.SUSPENDED);
		assertRefusedToken(app().bearer("/userinfo", tokens.get("access_token").asString()));
		HttpResponse<String> refresh = app().tokenResponse(
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()));
		assertThat(refresh.statusCode()).isEqualTo(400);
	}

	@Test
	void whenAccessEndsTheGrantsGoAtOnce() throws Exception {
		WireClient browser = signedIn();
		JsonNode tokens = app().tokensThrough(browser);
		assertThat(grantsOfPaula()).isOne();
		// What a suspension, a deletion, a role change or a reset does (SessionRevoker).
		this.transactions.executeWithoutResult((status) -> this.sessions.revokeAll(this.users.get(this.paula.getId())));
		assertThat(grantsOfPaula()).isZero();
		assertRefusedToken(app().bearer("/userinfo", tokens.get("access_token").asString()));
		assertThat(app()
			.tokenResponse(
					Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void theProfileListsTheConnectedApplicationsAndRevokesOne() throws Exception {
		WireClient browser = signedIn();
		assertThat(browser.get("/profile/applications").body()).contains("No application has signed you in");
		JsonNode tokens = app().tokensThrough(browser);
		String page = browser.get("/profile/applications").body();
		assertThat(page).contains("Test app", "may see: email, profile, roles", "last used");

		HttpResponse<String> revoked = browser.submit("/profile/applications",
				"/profile/applications/" + this.clientId + "/revoke", Map.of());
		assertThat(WireClient.location(revoked)).endsWith("/profile/applications?revoked");
		assertThat(browser.get("/profile/applications?revoked").body()).contains("Access revoked")
			.doesNotContain("Test app");
		assertThat(grantsOfPaula()).isZero();
		assertThat(app()
			.tokenResponse(
					Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void expiredGrantsAreDeletedAndLiveOnesStay() throws Exception {
		WireClient browser = signedIn();
		for (String state : new String[] { "old", "live" }) {
			String verifier = OAuthApp.verifier();
			String code = parameter(WireClient.location(browser.get(app().authorizeUrl(verifier, state, "n"))), "code");
			app().token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
					"code_verifier", verifier));
		}
		assertThat(grantsOfPaula()).isEqualTo(2);
		String old = this.jdbc.sql("SELECT MIN(id) FROM oauth2_authorization").query(String.class).single();
		this.jdbc.sql("UPDATE oauth2_authorization SET refresh_token_expires_at = ? WHERE id = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(60)), old)
			.update();
		assertThat(this.grants.deleteExpired(Instant.now())).isOne();
		assertThat(grantsOfPaula()).isOne();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE id = ?")
			.param(old)
			.query(Integer.class)
			.single()).isZero();
	}

	/**
	 * RFC 6750's answer to an access token that no longer works (OpenID Connect Core
	 * 5.3.3 for userinfo): 401 with a Bearer challenge, which strict clients read.
	 */
	private static void assertRefusedToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).as("the challenge")
			.hasValueSatisfying(
					(challenge) -> assertThat(challenge).startsWith("Bearer ").contains("error=\"invalid_token\""));
	}

	private int grantsOfPaula() {
		return this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = 'paula'")
			.query(Integer.class)
			.single();
	}

	@Test
	void aPasswordChangeOnTheProfileEndsTheGrants() throws Exception {
		WireClient browser = signedIn();
		JsonNode tokens = app().tokensThrough(browser);
		HttpResponse<String> changed = browser.submit("/profile", "/profile/password",
				Map.of("currentPassword", AccountTestSupport.PASSWORD, "newPassword", "violet-harbor-comet-93",
						"newPasswordConfirm", "violet-harbor-comet-93"));
		assertThat(WireClient.location(changed)).endsWith("/profile");
		assertThat(grantsOfPaula()).isZero();
		assertThat(app()
			.tokenResponse(
					Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void anApplicationSignsTheUserOutOfRosterAndGetsThemBack() throws Exception {
		WireClient browser = signedIn();
		JsonNode tokens = app().tokensThrough(browser);
		HttpResponse<String> logout = browser
			.get("/connect/logout?id_token_hint=" + enc(tokens.get("id_token").asString())
					+ "&post_logout_redirect_uri=" + enc(SIGNED_OUT) + "&state=bye");
		assertThat(logout.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(logout)).startsWith(SIGNED_OUT).contains("state=bye");
		assertThat(browser.get("/profile").statusCode()).as("signed out of Roster").isEqualTo(302);
	}

	@Test
	void aCodeUsedTwiceIsRefusedAndEndsWhatItIssued() throws Exception {
		WireClient browser = signedIn();
		String verifier = OAuthApp.verifier();
		String code = parameter(WireClient.location(browser.get(app().authorizeUrl(verifier, "s", "n"))), "code");
		Map<String, String> exchange = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT, "code_verifier", verifier);
		JsonNode tokens = app().token(exchange);
		HttpResponse<String> again = app().tokenResponse(exchange);
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("invalid_grant");
		assertRefusedToken(app().bearer("/userinfo", tokens.get("access_token").asString()));
		assertThat(app()
			.tokenResponse(
					Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()))
			.statusCode()).isEqualTo(400);
	}

	@Test
	void introspectionAnswersTheTokensClientOnlyAndInactiveOnceAccessEnded() throws Exception {
		WireClient browser = signedIn();
		JsonNode tokens = app().tokensThrough(browser);
		String accessToken = tokens.get("access_token").asString();
		JsonNode active = this.json.readTree(app().introspect(accessToken).body());
		assertThat(active.get("active").asBoolean()).isTrue();
		assertThat(active.get("sub").asString()).isEqualTo(this.paula.getPublicId());

		String other = register(false);
		JsonNode foreign = this.json.readTree(app().as(other).introspect(accessToken).body());
		assertThat(foreign.get("active").asBoolean()).as("another client's token").isFalse();

		this.transactions.executeWithoutResult((status) -> this.sessions.revokeAll(this.users.get(this.paula.getId())));
		assertThat(this.json.readTree(app().introspect(accessToken).body()).get("active").asBoolean()).isFalse();
	}

	@Test
	void aWrongRedirectUriNeverRedirects() throws Exception {
		WireClient browser = signedIn();
		String verifier = OAuthApp.verifier();
		HttpResponse<String> refused = browser
			.get(app().authorizeUrl(verifier, "s", "n").replace(enc(REDIRECT), enc("https://evil.example/callback")));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void promptNoneAnswersAtOnceWithoutEverShowingAPage() throws Exception {
		HttpResponse<String> anonymous = new WireClient(base())
			.get(app().authorizeUrl(OAuthApp.verifier(), "quiet", "n") + "&prompt=none");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(anonymous)).as("back to the application, not to Roster's sign-in page")
			.startsWith(REDIRECT)
			.contains("error=login_required", "state=quiet")
			.doesNotContain("code=");

		HttpResponse<String> signedIn = signedIn()
			.get(app().authorizeUrl(OAuthApp.verifier(), "quiet", "n") + "&prompt=none");
		assertThat(WireClient.location(signedIn)).startsWith(REDIRECT).contains("code=", "state=quiet");
	}

	@Test
	void withoutPkceTheRequestIsRefused() throws Exception {
		WireClient browser = signedIn();
		String withoutPkce = app().authorizeUrl("v", "s", "n").replaceAll("&code_challenge[^&]*", "");
		HttpResponse<String> refused = browser.get(withoutPkce);
		assertThat(refused.statusCode()).isEqualTo(302);
		assertThat(WireClient.location(refused)).startsWith(REDIRECT)
			.contains("error=invalid_request")
			.doesNotContain("code=");
	}

	/** A browser signed in to Roster as paula. */
	private WireClient signedIn() throws Exception {
		WireClient browser = new WireClient(base());
		browser.submit("/login", "/login", Map.of("username", "paula", "password", AccountTestSupport.PASSWORD));
		return browser;
	}

	private OAuthApp app() {
		return new OAuthApp(base(), this.clientId, SECRET, REDIRECT);
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
