package org.roster.oidc;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.account.SessionRevoker;
import org.roster.oidc.OidcClients.Created;
import org.roster.oidc.OidcClients.InvalidClientException;
import org.roster.oidc.OidcClients.NewClient;
import org.roster.oidc.OidcClients.TokenPolicy;
import org.roster.testsupport.OAuthApp;
import org.roster.testsupport.ServerTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.WireClient;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Sha256;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each application's own token policy: its lifetimes (ID tokens included, which the
 * protocol library would give 30 minutes), opaque reference tokens that end at once, and
 * an edit that takes a scope away ending what was granted with it.
 */
@ServerTest
@TestPropertySource(properties = "roster.security.rate-limit.per-minute=100000")
class ClientTokenPolicyTest {

	static final String REDIRECT = "http://127.0.0.1:9/callback";

	static final String SECRET_OF_EARLIER = "a-secret-registered-by-an-earlier-version";

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
	OidcClients clients;

	@Autowired
	SessionRevoker sessions;

	@Autowired
	TransactionTemplate transactions;

	final JsonMapper json = JsonMapper.builder().build();

	User paula;

	WireClient browser;

	@BeforeEach
	void setUp() throws Exception {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM oauth2_authorization").update();
		this.paula = new AccountTestSupport(this.users, this.encoder).user("paula");
		this.browser = new WireClient("http://localhost:" + this.port);
		this.browser.submit("/login", "/login", Map.of("username", "paula", "password", AccountTestSupport.PASSWORD));
	}

	private OAuthApp register(TokenPolicy tokens) {
		Created created = this.clients.create(new NewClient("Policy app", List.of(REDIRECT), List.of(), false,
				List.of("openid", "profile", "email", "roles"), false, tokens));
		return new OAuthApp("http://localhost:" + this.port, created.clientId(), created.clientSecret(), REDIRECT);
	}

	@Test
	void byDefaultAccessAndIdTokensLiveFiveMinutes() throws Exception {
		JsonNode tokens = register(TokenPolicy.DEFAULTS).tokensThrough(this.browser);
		assertThat(tokens.get("expires_in").asInt()).isBetween(298, 300);
		assertThat(lifetime(tokens.get("access_token").asString())).isEqualTo(Duration.ofMinutes(5));
		assertThat(lifetime(tokens.get("id_token").asString())).isEqualTo(Duration.ofMinutes(5));
		assertThat(refreshLifetime()).isEqualTo(Duration.ofHours(8));
	}

	@Test
	void aSecretIsKeptAsItsSha256AndOneHashedAsAPasswordByAnEarlierVersionIsStoredAgainAtItsNextUse() throws Exception {
		OAuthApp app = register(TokenPolicy.DEFAULTS);
		String stored = storedSecret(app.clientId());
		assertThat(stored).startsWith("{sha256}").hasSize("{sha256}".length() + 64);

		this.jdbc.sql("UPDATE oauth2_registered_client SET client_secret = ? WHERE client_id = ?")
			.params(this.encoder.encode(SECRET_OF_EARLIER), app.clientId())
			.update();
		OAuthApp earlier = new OAuthApp("http://localhost:" + this.port, app.clientId(), SECRET_OF_EARLIER, REDIRECT);
		assertThat(storedSecret(app.clientId())).doesNotStartWith("{sha256}");
		earlier.tokensThrough(this.browser);
		assertThat(storedSecret(app.clientId())).isEqualTo("{sha256}" + Sha256.hex(SECRET_OF_EARLIER));
		assertThat(earlier.as(app.clientId()).tokensThrough(this.browser).has("access_token")).isTrue();
		assertThat(app.tokenResponse(Map.of("grant_type", "refresh_token", "refresh_token", "x")).statusCode())
			.as("the old secret no longer")
			.isEqualTo(401);
	}

	private String storedSecret(String clientId) {
		return this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
			.param(clientId)
			.query(String.class)
			.single();
	}

	@Test
	void anApplicationsTokensLiveAsLongAsItsPolicySays() throws Exception {
		OAuthApp app = register(
				new TokenPolicy(Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(45), false));
		JsonNode tokens = app.tokensThrough(this.browser);
		assertThat(lifetime(tokens.get("access_token").asString())).isEqualTo(Duration.ofMinutes(2));
		assertThat(lifetime(tokens.get("id_token").asString())).isEqualTo(Duration.ofMinutes(3));
		assertThat(refreshLifetime()).isEqualTo(Duration.ofMinutes(45));

		JsonNode refreshed = this.json.readTree(app.refresh(tokens).body());
		assertThat(lifetime(refreshed.get("id_token").asString())).as("a refresh's ID token too")
			.isEqualTo(Duration.ofMinutes(3));
	}

	@Test
	void referenceTokensAreOpaqueServeUserinfoAndEndTheMomentAccessEnds() throws Exception {
		OAuthApp app = register(
				new TokenPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofHours(8), true));
		JsonNode tokens = app.tokensThrough(this.browser);
		String access = tokens.get("access_token").asString();
		assertThat(access).as("no JWT: nothing to read in it").doesNotContain(".");

		JsonNode claims = this.json.readTree(app.bearer("/userinfo", access).body());
		assertThat(claims.get("sub").asString()).isEqualTo(this.paula.getPublicId());
		JsonNode introspected = this.json.readTree(app.introspect(access).body());
		assertThat(introspected.get("active").asBoolean()).isTrue();
		assertThat(introspected.get("sub").asString()).isEqualTo(this.paula.getPublicId());
		assertThat(introspected.get("roles").toString()).contains("USER");

		this.transactions.executeWithoutResult((status) -> this.sessions.revokeAll(this.users.get(this.paula.getId())));
		assertThat(app.bearer("/userinfo", access).statusCode()).isEqualTo(401);
		assertThat(this.json.readTree(app.introspect(access).body()).get("active").asBoolean()).isFalse();
		assertThat(app.bearer("/userinfo", "not-a-token-at-all").statusCode()).isEqualTo(401);
	}

	@Test
	void takingAScopeAwayEndsTheGrantsAndOtherEditsKeepThem() throws Exception {
		OAuthApp app = register(TokenPolicy.DEFAULTS);
		JsonNode tokens = app.tokensThrough(this.browser);
		NewClient registered = this.clients.find(app.clientId()).orElseThrow();
		NewClient renamed = new NewClient("Renamed app", registered.redirectUris(), registered.postLogoutRedirectUris(),
				false, registered.scopes(), false,
				new TokenPolicy(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofHours(8), false));
		assertThat(this.clients.update(app.clientId(), renamed)).isTrue();
		assertThat(this.clients.find(app.clientId()).orElseThrow()).isEqualTo(renamed);
		JsonNode refreshed = this.json.readTree(app.refresh(tokens).body());
		assertThat(lifetime(refreshed.get("access_token").asString())).as("the new lifetime, from now on")
			.isEqualTo(Duration.ofMinutes(10));

		assertThat(this.clients.update(app.clientId(),
				new NewClient("Renamed app", List.of(REDIRECT), List.of(), false, List.of("openid", "profile"), false)))
			.isTrue();
		assertThat(app.refresh(refreshed).statusCode()).as("what was granted with email ended").isEqualTo(400);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization").query(Integer.class).single()).isZero();
	}

	@Test
	void anEditCannotChangeTheKindNorBreakTheBounds() {
		OAuthApp app = register(TokenPolicy.DEFAULTS);
		assertThatExceptionOfType(InvalidClientException.class)
			.isThrownBy(() -> this.clients.update(app.clientId(),
					new NewClient("App", List.of(REDIRECT), List.of(), true, List.of("openid"), true)))
			.satisfies((ex) -> assertThat(ex.problems()).singleElement().asString().contains("register a new one"));
		assertThatExceptionOfType(InvalidClientException.class)
			.isThrownBy(() -> this.clients.update(app.clientId(),
					new NewClient("App", List.of(REDIRECT), List.of(), false, List.of("openid"), true,
							new TokenPolicy(Duration.ofHours(2), Duration.ofSeconds(10), Duration.ofDays(91), false))))
			.satisfies((ex) -> assertThat(ex.problems()).containsExactly("--access-token-ttl: from 1m to 1h",
					"--id-token-ttl: from 1m to 1h", "--refresh-token-ttl: from 5m to 90d"));
		assertThat(this.clients.update("no-such-client", this.clients.find(app.clientId()).orElseThrow())).isFalse();
	}

	private static Duration lifetime(String jwt) throws Exception {
		JWTClaimsSet claims = SignedJWT.parse(jwt).getJWTClaimsSet();
		return Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
	}

	private Duration refreshLifetime() {
		return this.jdbc.sql("SELECT refresh_token_issued_at, refresh_token_expires_at FROM oauth2_authorization")
			.query((rs, row) -> Duration.between(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
			.single();
	}

}
