package org.roster.testsupport;

import java.awt.Color;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpRequest;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OAuth2 / OpenID Connect server in the test JVM (NAV's mock-oauth2-server), as
 * two providers: {@code oidc}, an OpenID Connect issuer found through its discovery
 * document, and {@code github}, shaped like GitHub's OAuth2 API (a user endpoint with
 * {@code id}, {@code login}, {@code name}, {@code avatar_url}, and
 * {@code <user endpoint>/emails}). Each sign-in takes the person queued last with
 * {@link #nextOidc} or {@link #nextGitHub}.
 * <p>
 * Browser tests use a second instance instead ({@link #registerInteractive}): there the
 * provider shows its own login page, where the person types a subject and the claims
 * JSON, as a person signs in at a real provider. It is a separate server because the
 * login page replaces the queue: the wire-level tests, which never see a page, keep
 * theirs.
 */
public final class TestProviders {

	public static final String CLIENT_ID = "roster-test";

	private static final String CLIENT_SECRET = "roster-test-secret";

	private static final String PICTURE_PATH = "/pictures/portrait.png";

	private static volatile String gitHubEmails = "[]";

	private static final MockOAuth2Server server = start(false);

	private TestProviders() {
	}

	private static MockOAuth2Server start(boolean interactiveLogin) {
		Route emails = new Route() {

			@Override
			public boolean match(OAuth2HttpRequest request) {
				return request.getUrl().encodedPath().equals("/github/userinfo/emails");
			}

			@Override
			public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
				return new OAuth2HttpResponse(Headers.of("Content-Type", "application/json"), 200, gitHubEmails,
						gitHubEmails.getBytes(StandardCharsets.UTF_8));
			}

		};
		Route picture = new Route() {

			@Override
			public boolean match(OAuth2HttpRequest request) {
				return request.getUrl().encodedPath().equals(PICTURE_PATH);
			}

			@Override
			public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
				return new OAuth2HttpResponse(Headers.of("Content-Type", "image/png"), 200, null,
						Pictures.portrait(64, new Color(40, 90, 160), Color.WHITE));
			}

		};
		// The mock server authorizes OpenID Connect requests only; a plain OAuth2 request
		// to
		// the GitHub-like issuer is sent on with the openid scope added (the token
		// answer's
		// extra ID token is ignored by a plain OAuth2 client, as GitHub sends none).
		Route plainOAuth2 = new Route() {

			@Override
			public boolean match(OAuth2HttpRequest request) {
				String scope = request.getUrl().queryParameter("scope");
				return request.getUrl().encodedPath().equals("/github/authorize") && scope != null
						&& !scope.contains("openid");
			}

			@Override
			public OAuth2HttpResponse invoke(OAuth2HttpRequest request) {
				String scope = request.getUrl().queryParameter("scope");
				String withOpenId = request.getUrl()
					.newBuilder()
					.setQueryParameter("scope", "openid " + scope)
					.build()
					.toString();
				return new OAuth2HttpResponse(Headers.of("Location", withOpenId), 302, "", new byte[0]);
			}

		};
		MockOAuth2Server started = new MockOAuth2Server(new OAuth2Config(interactiveLogin), plainOAuth2, emails,
				picture);
		started.start();
		return started;
	}

	public static MockOAuth2Server server() {
		return server;
	}

	/** The address of a profile picture the provider serves (a 64×64 PNG). */
	public static String pictureUrl() {
		return server.baseUrl().resolve(PICTURE_PATH).toString();
	}

	/** The two registrations, as an operator would configure them. */
	public static void register(DynamicPropertyRegistry registry) {
		register(registry, server);
	}

	/**
	 * The same two registrations at the interactive server (started on first use): each
	 * sign-in shows the provider's login page, a form with {@code username} (the subject)
	 * and {@code claims} (a JSON object); nothing is queued.
	 */
	public static void registerInteractive(DynamicPropertyRegistry registry) {
		register(registry, Interactive.server);
	}

	private static void register(DynamicPropertyRegistry registry, MockOAuth2Server server) {
		String oidc = "spring.security.oauth2.client.registration.oidc.";
		registry.add(oidc + "client-id", () -> CLIENT_ID);
		registry.add(oidc + "client-secret", () -> CLIENT_SECRET);
		registry.add(oidc + "client-name", () -> "Test ID");
		registry.add(oidc + "scope", () -> "openid,profile,email");
		registry.add("spring.security.oauth2.client.provider.oidc.issuer-uri",
				() -> server.issuerUrl("oidc").toString());
		String github = "spring.security.oauth2.client.registration.github.";
		registry.add(github + "client-id", () -> CLIENT_ID);
		registry.add(github + "client-secret", () -> CLIENT_SECRET);
		registry.add(github + "scope", () -> "read:user,user:email");
		String provider = "spring.security.oauth2.client.provider.github.";
		registry.add(provider + "authorization-uri", () -> server.authorizationEndpointUrl("github").toString());
		registry.add(provider + "token-uri", () -> server.tokenEndpointUrl("github").toString());
		registry.add(provider + "user-info-uri", () -> server.userInfoUrl("github").toString());
	}

	/** Started only by the classes that use it. */
	private static final class Interactive {

		static final MockOAuth2Server server = start(true);

	}

	/** The next sign-in at the OpenID Connect issuer is this person. */
	public static void nextOidc(String subject, Map<String, Object> claims) {
		server
			.enqueueCallback(new DefaultOAuth2TokenCallback("oidc", subject, "JWT", List.of(CLIENT_ID), claims, 3600));
	}

	/**
	 * The next sign-in at the GitHub-like provider is this person, whose e-mail endpoint
	 * answers {@code emailsJson}.
	 */
	public static void nextGitHub(long id, Map<String, Object> claims, String emailsJson) {
		gitHubEmails = emailsJson;
		Map<String, Object> withId = new HashMap<>(claims);
		withId.put("id", id);
		server.enqueueCallback(
				new DefaultOAuth2TokenCallback("github", Long.toString(id), "JWT", List.of(CLIENT_ID), withId, 3600));
	}

	/** The provider's button, the provider's redirect back, Roster's answer to it. */
	public static HttpResponse<String> signIn(WireClient client, String registrationId) throws Exception {
		HttpResponse<String> toProvider = client.get("/oauth2/authorization/" + registrationId);
		if (toProvider.statusCode() != 302) {
			throw new AssertionError("No redirect to the provider: " + toProvider.statusCode());
		}
		HttpResponse<String> fromProvider = client.get(WireClient.location(toProvider));
		if (fromProvider.statusCode() == 302 && WireClient.location(fromProvider).contains("/authorize")) {
			fromProvider = client.get(WireClient.location(fromProvider));
		}
		if (fromProvider.statusCode() != 302) {
			throw new AssertionError("The provider did not sign the person in: " + fromProvider.body());
		}
		return client.get(WireClient.location(fromProvider));
	}

}
