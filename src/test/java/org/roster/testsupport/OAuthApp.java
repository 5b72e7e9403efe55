package org.roster.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confidential application on the wire, as the provider tests play it: the
 * authorization request with PKCE, the token endpoint with HTTP Basic, bearer requests
 * and introspection.
 */
public final class OAuthApp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base;

	private final String clientId;

	private final String secret;

	private final String redirectUri;

	public OAuthApp(String base, String clientId, String secret, String redirectUri) {
		this.base = base;
		this.clientId = clientId;
		this.secret = secret;
		this.redirectUri = redirectUri;
	}

	public String clientId() {
		return this.clientId;
	}

	/** The same application under another client id. */
	public OAuthApp as(String otherClientId) {
		return new OAuthApp(this.base, otherClientId, this.secret, this.redirectUri);
	}

	public String authorizeUrl(String verifier, String state, String nonce) throws Exception {
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		return this.base + "/oauth2/authorize?response_type=code&client_id=" + enc(this.clientId) + "&redirect_uri="
				+ enc(this.redirectUri) + "&scope=" + enc("openid profile email roles") + "&state=" + state + "&nonce="
				+ nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256";
	}

	/**
	 * The round trip for a browser signed in to Roster (and consenting), up to the
	 * tokens.
	 */
	public JsonNode tokensThrough(WireClient browser) throws Exception {
		String verifier = verifier();
		String code = parameter(WireClient.location(browser.get(authorizeUrl(verifier, "s", "n"))), "code");
		return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", this.redirectUri,
				"code_verifier", verifier));
	}

	public JsonNode token(Map<String, String> form) throws Exception {
		HttpResponse<String> response = tokenResponse(form);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	public HttpResponse<String> tokenResponse(Map<String, String> form) throws Exception {
		return authenticated("/oauth2/token",
				form.entrySet()
					.stream()
					.map((field) -> field.getKey() + "=" + enc(field.getValue()))
					.collect(Collectors.joining("&")));
	}

	public HttpResponse<String> refresh(JsonNode tokens) throws Exception {
		return tokenResponse(
				Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token").asString()));
	}

	public HttpResponse<String> introspect(String token) throws Exception {
		return authenticated("/oauth2/introspect", "token=" + enc(token));
	}

	public HttpResponse<String> revoke(String token) throws Exception {
		return authenticated("/oauth2/revoke", "token=" + enc(token));
	}

	public HttpResponse<String> bearer(String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), BodyHandlers.ofString());
	}

	public HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path)).GET().build(),
				BodyHandlers.ofString());
	}

	private HttpResponse<String> authenticated(String path, String form) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((enc(this.clientId) + ":" + enc(this.secret)).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form))
			.build(), BodyHandlers.ofString());
	}

	public static String verifier() {
		return "verifier-" + UUID.randomUUID() + "-" + UUID.randomUUID();
	}

	public static String parameter(String url, String name) {
		return URI.create(url).getQuery().replaceAll(".*(?:^|&)" + name + "=([^&]+).*", "$1");
	}

	public static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
