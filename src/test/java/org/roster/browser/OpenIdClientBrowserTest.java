package org.roster.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.oidc.OidcClients;
import org.roster.oidc.OidcClients.Created;
import org.roster.oidc.OidcClients.NewClient;
import org.roster.oidc.OidcClients.TokenPolicy;
import org.roster.user.User;
import org.roster.user.UserStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A strict, certified relying party that no one here wrote, panva's openid-client
 * ({@link OpenIdClientRp}), signs users in with Roster in Chromium: discovery, the code
 * flow with PKCE through Roster's sign-in and consent pages, the ID token validated by
 * openid-client, userinfo, refresh, revocation and logout; a suspended user's refresh
 * fails and userinfo answers with a Bearer challenge; a public client works with PKCE
 * alone; opaque reference tokens serve userinfo until the grant ends. Roster runs on a
 * port chosen before it starts, with its public address (the issuer openid-client checks)
 * on that port: a context of its own, on a database of its own.
 */
class OpenIdClientBrowserTest extends BrowserTestSupport {

	private static final int ROSTER_PORT = OpenIdClientRp.freePort();

	private static final String ISSUER = "http://localhost:" + ROSTER_PORT;

	@RegisterExtension
	static final OpenIdClientRp RP = new OpenIdClientRp();

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> ROSTER_PORT);
		registry.add("roster.public-url", () -> ISSUER);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:roster-browser-openid-client;DB_CLOSE_DELAY=-1");
	}

	@Autowired
	OidcClients clients;

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aConfidentialClientSignsInRefreshesRevokesAndSignsOut() {
		User paula = user("paula", "Paula Example");
		App app = registerAndStart("Wiki", false, TokenPolicy.DEFAULTS);
		String rp = app.rp();

		JsonNode signedIn = signInThrough(rp, "paula", "Wiki");
		JsonNode idToken = signedIn.get("idToken");
		assertThat(idToken.get("iss").asString()).isEqualTo(ISSUER);
		assertThat(idToken.get("aud").toString()).contains(app.client().clientId());
		assertThat(idToken.get("sub").asString()).as("the public id, not the username")
			.isEqualTo(paula.getPublicId())
			.isNotEqualTo("paula");
		assertThat(idToken.get("preferred_username").asString()).isEqualTo("paula");
		assertThat(idToken.get("name").asString()).isEqualTo("Paula Example");
		assertThat(idToken.get("email").asString()).isEqualTo("paula@example.com");
		assertThat(idToken.get("email_verified").asBoolean()).isTrue();
		JsonNode userinfo = signedIn.get("userinfo");
		assertThat(userinfo.get("sub").asString()).isEqualTo(paula.getPublicId());
		assertThat(userinfo.get("preferred_username").asString()).isEqualTo("paula");
		assertThat(userinfo.get("name").asString()).isEqualTo("Paula Example");
		assertThat(userinfo.get("email").asString()).isEqualTo("paula@example.com");
		assertThat(signedIn.get("scope").asString().split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
		assertThat(signedIn.get("hasRefreshToken").asBoolean()).isTrue();

		this.browser.get(rp + "/refresh");
		JsonNode refreshed = result();
		assertThat(refreshed.get("refreshTokenRotated").asBoolean()).isTrue();
		assertThat(refreshed.get("idToken").get("sub").asString()).isEqualTo(paula.getPublicId());

		this.browser.get(rp + "/userinfo");
		assertThat(result().get("sub").asString()).isEqualTo(paula.getPublicId());
		this.browser.get(rp + "/revoke");
		assertThat(result().get("revoked").asString()).isEqualTo("refresh_token");
		this.browser.get(rp + "/refresh");
		assertThat(error().get("error").asString()).as("the revoked refresh token").isEqualTo("invalid_grant");
		this.browser.get(rp + "/userinfo");
		assertInvalidToken(error(), "the access token of the revoked grant");

		this.browser.get(rp + "/logout");
		assertThat(this.browser.driver().getCurrentUrl()).startsWith(rp + "/logged-out?");
		assertThat(result().get("stateMatches").asBoolean()).isTrue();
		open("/profile");
		assertThat(this.browser.driver().getCurrentUrl()).as("signed out of Roster").isEqualTo(url("/login"));
	}

	@Test
	void aSuspendedUsersTokensAreRefused() {
		User quinn = user("quinn", "Quinn Example");
		String rp = registerAndStart("Wiki", false, TokenPolicy.DEFAULTS).rp();
		signInThrough(rp, "quinn", "Wiki");
		this.browser.get(rp + "/refresh");
		assertThat(result().get("refreshTokenRotated").asBoolean()).isTrue();

		this.users.changeStatus(quinn.getId(), UserStatus.SUSPENDED);
		this.browser.get(rp + "/userinfo");
		assertInvalidToken(error(), "a suspended user's access token");
		this.browser.get(rp + "/refresh");
		JsonNode refused = error();
		assertThat(refused.get("error").asString()).isEqualTo("invalid_grant");
		assertThat(refused.get("status").asInt()).isEqualTo(400);
	}

	@Test
	void aPublicClientSignsInWithPkceAlone() {
		User rosa = user("rosa", "Rosa Example");
		App app = registerAndStart("Notes", true, TokenPolicy.DEFAULTS);
		assertThat(app.client().clientSecret()).isNull();
		String rp = app.rp();

		JsonNode signedIn = signInThrough(rp, "rosa", "Notes");
		assertThat(signedIn.get("idToken").get("sub").asString()).isEqualTo(rosa.getPublicId());
		assertThat(signedIn.get("userinfo").get("email").asString()).isEqualTo("rosa@example.com");
		assertThat(signedIn.get("hasRefreshToken").asBoolean()).as("no refresh token for a public client").isFalse();

		this.browser.get(rp + "/logout");
		assertThat(result().get("stateMatches").asBoolean()).isTrue();
		open("/profile");
		assertThat(this.browser.driver().getCurrentUrl()).isEqualTo(url("/login"));
	}

	@Test
	void referenceTokensServeUserinfoAndEndWithTheGrant() {
		User sam = user("sam", "Sam Example");
		String rp = registerAndStart("Reports", false,
				new TokenPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(8), true))
			.rp();
		JsonNode signedIn = signInThrough(rp, "sam", "Reports");
		assertThat(signedIn.get("userinfo").get("sub").asString()).isEqualTo(sam.getPublicId());
		assertThat(signedIn.get("userinfo").get("name").asString()).isEqualTo("Sam Example");
		this.browser.get(rp + "/refresh");
		assertThat(result().get("refreshTokenRotated").asBoolean()).isTrue();
		this.browser.get(rp + "/userinfo");
		assertThat(result().get("sub").asString()).isEqualTo(sam.getPublicId());

		this.browser.get(rp + "/revoke");
		assertThat(result().get("revoked").asString()).isEqualTo("refresh_token");
		this.browser.get(rp + "/userinfo");
		assertInvalidToken(error(), "the reference token of the revoked grant");
	}

	/**
	 * Registers a client asking for consent, with the addresses of a relying party on a
	 * free port, and starts that relying party for it.
	 */
	private App registerAndStart(String name, boolean publicClient, TokenPolicy tokens) {
		int port = OpenIdClientRp.freePort();
		String rp = OpenIdClientRp.address(port);
		Created client = this.clients.create(new NewClient(name, List.of(rp + "/callback"), List.of(rp + "/logged-out"),
				publicClient, List.of("openid", "profile", "email"), true, tokens));
		return new App(client, RP.start(port, ISSUER, client));
	}

	/**
	 * From the relying party's /login through Roster's sign-in page and its consent page
	 * (Allow) back to its /callback, in a fresh browser session.
	 * @return what /callback shows
	 */
	private JsonNode signInThrough(String rp, String login, String appName) {
		// Cookies are deleted for the current page's host only: Roster's, from another
		// test.
		open("/login");
		this.browser.deleteCookies();
		this.browser.get(rp + "/login");
		assertThat(this.browser.driver().getCurrentUrl()).as("Roster's sign-in page").isEqualTo(url("/login"));
		submitLogin(this.browser, login, PASSWORD);
		assertThat(this.browser.find("#consent-heading").getText()).isEqualTo(appName + " wants to sign you in");
		this.browser.loadsNewPage("the relying party's callback", () -> this.browser.find("#consent-allow").click());
		assertThat(this.browser.driver().getCurrentUrl()).startsWith(rp + "/callback?");
		return result();
	}

	/**
	 * A userinfo request refused as RFC 6750 says: openid-client reports the Bearer
	 * challenge (without one it could only say the response is not conform).
	 */
	private static void assertInvalidToken(JsonNode error, String what) {
		assertThat(error.get("code").asString()).as(what + ": " + error).isEqualTo("OAUTH_WWW_AUTHENTICATE_CHALLENGE");
		assertThat(error.get("status").asInt()).isEqualTo(401);
		JsonNode challenge = error.get("challenges").get(0);
		assertThat(challenge.get("scheme").asString()).isEqualTo("bearer");
		assertThat(challenge.get("parameters").get("error").asString()).isEqualTo("invalid_token");
	}

	/** The JSON of the relying party's page; fails with its error if it shows one. */
	private JsonNode result() {
		assertThat(this.browser.findAll("#error")).as(() -> this.browser.find("#error").getText()).isEmpty();
		return this.json.readTree(this.browser.find("#result").getText());
	}

	/** openid-client's error on the relying party's page, which it answers with a 400. */
	private JsonNode error() {
		this.browser.allowConsoleError("the server responded with a status of 400");
		assertThat(this.browser.findAll("#result")).as(() -> this.browser.find("#result").getText()).isEmpty();
		return this.json.readTree(this.browser.find("#error").getText());
	}

	/** A registered client and the address of its running relying party. */
	private record App(Created client, String rp) {
	}

}
