package org.roster.oidc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.ServerTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS on the protocol's endpoints, as a browser asks for it: a registered application's
 * origin may call them from its pages (without cookies), any other origin is refused, and
 * the authorization endpoint (a top-level navigation) answers no origin.
 */
@ServerTest
class ApplicationOriginsTest {

	static final String SPA = "http://127.0.0.1:4200";

	@LocalServerPort
	int port;

	@Autowired
	OidcClients clients;

	final HttpClient http = HttpClient.newHttpClient();

	String clientId;

	@BeforeEach
	void register() {
		this.clients.list().forEach((client) -> this.clients.delete(client.clientId()));
		this.clientId = this.clients
			.create(new OidcClients.NewClient("Single-page app", List.of(SPA + "/callback"), List.of(), true,
					List.of("openid", "profile"), true))
			.clientId();
	}

	@Test
	void aRegisteredOriginMayCallUserinfoWithABearerTokenButSendsNoCookies() throws Exception {
		HttpResponse<String> preflight = preflight("/userinfo", SPA, "GET", "authorization");
		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo(SPA);
		assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("GET");
		assertThat(header(preflight, "Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
		assertThat(header(preflight, "Access-Control-Allow-Credentials")).as("no cookies").isEmpty();
		assertThat(preflight("/userinfo", SPA, "DELETE", "authorization").statusCode()).as("not a protocol method")
			.isEqualTo(403);
	}

	@Test
	void aRegisteredOriginReadsDiscoveryKeysAndTokenAnswers() throws Exception {
		assertThat(header(get("/.well-known/openid-configuration", SPA), "Access-Control-Allow-Origin")).isEqualTo(SPA);
		assertThat(header(get("/oauth2/jwks", SPA), "Access-Control-Allow-Origin")).isEqualTo(SPA);
		HttpResponse<String> token = this.http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
			.header("Origin", SPA)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString("grant_type=authorization_code&code=nope&client_id=" + this.clientId
					+ "&redirect_uri=" + SPA + "/callback&code_verifier=" + "v".repeat(43)))
			.build(), BodyHandlers.ofString());
		assertThat(token.statusCode()).isEqualTo(400);
		assertThat(header(token, "Access-Control-Allow-Origin")).as("the app can read why").isEqualTo(SPA);
	}

	@Test
	void anUnknownOriginGetsNoCorsHeaders() throws Exception {
		for (String origin : List.of("http://127.0.0.1:4201", "https://evil.example", "http://localhost:4200")) {
			HttpResponse<String> preflight = preflight("/userinfo", origin, "GET", "authorization");
			assertThat(preflight.statusCode()).as(origin).isEqualTo(403);
			assertThat(header(preflight, "Access-Control-Allow-Origin")).as(origin).isEmpty();
			assertThat(header(get("/.well-known/openid-configuration", origin), "Access-Control-Allow-Origin"))
				.as(origin)
				.isEmpty();
		}
	}

	@Test
	void aDisabledApplicationsOriginIsRefusedAtOnce() throws Exception {
		this.clients.setDisabled(this.clientId, true);
		assertThat(header(preflight("/userinfo", SPA, "GET", "authorization"), "Access-Control-Allow-Origin"))
			.isEmpty();
		this.clients.setDisabled(this.clientId, false);
		assertThat(header(preflight("/userinfo", SPA, "GET", "authorization"), "Access-Control-Allow-Origin"))
			.isEqualTo(SPA);
	}

	@Test
	void theAuthorizationEndpointIsANavigationAndAnswersNoOrigin() throws Exception {
		assertThat(header(get("/oauth2/authorize?response_type=code&client_id=" + this.clientId, SPA),
				"Access-Control-Allow-Origin"))
			.isEmpty();
	}

	@Test
	void originsAreComparedAsBrowsersSendThem() {
		assertThat(ApplicationOrigins.origin("HTTPS://App.Example.com:443/cb")).isEqualTo("https://app.example.com");
		assertThat(ApplicationOrigins.origin("http://127.0.0.1:8080/cb?x=1")).isEqualTo("http://127.0.0.1:8080");
		assertThat(ApplicationOrigins.origin("not a uri")).isNull();
	}

	private HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.method("OPTIONS", BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", method)
			.header("Access-Control-Request-Headers", headers)
			.build(), BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path, String origin) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Origin", origin).GET().build(),
				BodyHandlers.ofString());
	}

	private static String header(HttpResponse<String> response, String name) {
		return response.headers().firstValue(name).orElse("");
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
