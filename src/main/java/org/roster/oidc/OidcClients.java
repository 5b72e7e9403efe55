package org.roster.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applications that sign their users in through Roster: registered with exact
 * redirect URIs, the scopes they may ask for, whether the user is asked to consent, and
 * their token lifetimes (by default access and ID token 5 minutes, refresh token 8 hours,
 * rotated at every use) and access-token format (JWT by default, or opaque references). A
 * confidential client's secret is shown once and stored hashed; a public one (a
 * single-page or mobile app) has none and must use PKCE.
 */
@Service
public class OidcClients {

	/** The scopes Roster knows; a client may be allowed any of them. */
	public static final Set<String> SCOPES = Set.of("openid", "profile", "email", "phone", "address",
			RosterClaims.ROLES_SCOPE);

	/**
	 * The longest an access or ID token may live: signed tokens outlive no key that
	 * signed them ({@link SigningKeys#rotate}), and a JWT outlives every revocation.
	 */
	static final Duration MAX_SIGNED_LIFETIME = Duration.ofHours(1);

	static final String ID_TOKEN_TIME_TO_LIVE = "settings.token.roster.id-token-time-to-live";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final EnabledClients clients;

	private final PasswordEncoder encoder;

	private final JdbcClient jdbc;

	private final Grants grants;

	OidcClients(EnabledClients clients, PasswordEncoder encoder, JdbcClient jdbc, Grants grants) {
		this.clients = clients;
		this.encoder = new ClientSecrets(encoder);
		this.jdbc = jdbc;
		this.grants = grants;
	}

	/**
	 * Registers a client.
	 * @throws InvalidClientException naming what is wrong (no name, no or a bad redirect
	 * URI, an unknown scope, no {@code openid}, a lifetime out of bounds)
	 */
	@Transactional
	public Created create(NewClient request) {
		Checked checked = check(request);
		String clientId = UUID.randomUUID().toString();
		String secret = request.publicClient() ? null : secret();
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(Instant.now())
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN);
		if (secret != null) {
			client.clientSecret(this.encoder.encode(secret))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		else {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		this.clients.save(apply(client, request, checked).build());
		return new Created(clientId, secret);
	}

	/**
	 * The registration of a client as an admin edits it.
	 * @return empty if there is no such client
	 */
	public Optional<NewClient> find(String clientId) {
		RegisteredClient client = this.clients.findIncludingDisabled(clientId);
		if (client == null) {
			return Optional.empty();
		}
		TokenSettings tokens = client.getTokenSettings();
		return Optional.of(new NewClient(client.getClientName(), List.copyOf(client.getRedirectUris()),
				List.copyOf(client.getPostLogoutRedirectUris()), client.getClientSecret() == null,
				client.getScopes().stream().sorted().toList(),
				client.getClientSettings().isRequireAuthorizationConsent(),
				new TokenPolicy(tokens.getAccessTokenTimeToLive(), idTokenLifetime(client),
						tokens.getRefreshTokenTimeToLive(),
						OAuth2TokenFormat.REFERENCE.equals(tokens.getAccessTokenFormat()))));
	}

	/**
	 * Changes a client's registration; its kind (public or confidential) and secret stay.
	 * Taking a scope away ends the client's grants, so no token keeps what it may no
	 * longer see; other changes apply to the tokens issued from now on.
	 * @return false if there is no such client
	 * @throws InvalidClientException as {@link #create} does, or when the kind would
	 * change
	 */
	@Transactional
	public boolean update(String clientId, NewClient request) {
		RegisteredClient existing = this.clients.findIncludingDisabled(clientId);
		if (existing == null) {
			return false;
		}
		Checked checked = check(request);
		if (request.publicClient() != (existing.getClientSecret() == null)) {
			throw new InvalidClientException(List
				.of("--public: an application stays public or confidential; register a new one to change its kind"));
		}
		RegisteredClient.Builder client = RegisteredClient.from(existing)
			.redirectUris(Set::clear)
			.postLogoutRedirectUris(Set::clear)
			.scopes(Set::clear);
		this.clients.save(apply(client, request, checked).build());
		if (!checked.scopes().containsAll(existing.getScopes())) {
			this.grants.endForClient(existing.getId());
		}
		return true;
	}

	private static RegisteredClient.Builder apply(RegisteredClient.Builder client, NewClient request, Checked checked) {
		TokenPolicy tokens = request.tokens();
		return client.clientName(checked.name())
			.redirectUris((uris) -> uris.addAll(request.redirectUris()))
			.postLogoutRedirectUris((uris) -> uris.addAll(request.postLogoutRedirectUris()))
			.scopes((all) -> all.addAll(checked.scopes()))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(request.publicClient())
				.requireAuthorizationConsent(request.consent())
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(tokens.accessToken())
				.accessTokenFormat(
						tokens.referenceTokens() ? OAuth2TokenFormat.REFERENCE : OAuth2TokenFormat.SELF_CONTAINED)
				.setting(ID_TOKEN_TIME_TO_LIVE, tokens.idToken())
				.authorizationCodeTimeToLive(Duration.ofMinutes(1))
				.refreshTokenTimeToLive(tokens.refreshToken())
				.reuseRefreshTokens(false)
				.build());
	}

	private static Checked check(NewClient request) {
		List<String> problems = new ArrayList<>();
		String name = (request.name() != null) ? request.name().strip() : "";
		if (name.isEmpty() || name.length() > 200) {
			problems.add("--name: 1 to 200 characters");
		}
		if (request.redirectUris().isEmpty()) {
			problems.add("--redirect-uri: at least one");
		}
		request.postLogoutRedirectUris()
			.stream()
			.filter((uri) -> !isRedirectUri(uri))
			.forEach((uri) -> problems.add(
					"--post-logout-uri " + uri + ": an absolute https address (http only for localhost), no fragment"));
		request.redirectUris()
			.stream()
			.filter((uri) -> !isRedirectUri(uri))
			.forEach((uri) -> problems
				.add("--redirect-uri " + uri + ": an absolute https address (http only for localhost), no fragment"));
		Set<String> scopes = new LinkedHashSet<>(request.scopes());
		scopes.stream()
			.filter((scope) -> !SCOPES.contains(scope))
			.forEach((scope) -> problems.add("--scopes: unknown scope " + scope + " (known: " + known() + ")"));
		if (!scopes.contains("openid")) {
			problems.add("--scopes: openid is required");
		}
		TokenPolicy tokens = request.tokens();
		within(problems, "--access-token-ttl", tokens.accessToken(), Duration.ofMinutes(1), MAX_SIGNED_LIFETIME);
		within(problems, "--id-token-ttl", tokens.idToken(), Duration.ofMinutes(1), MAX_SIGNED_LIFETIME);
		within(problems, "--refresh-token-ttl", tokens.refreshToken(), Duration.ofMinutes(5), Duration.ofDays(90));
		if (!problems.isEmpty()) {
			throw new InvalidClientException(problems);
		}
		return new Checked(name, scopes);
	}

	private static void within(List<String> problems, String option, Duration value, Duration least, Duration most) {
		if (value.compareTo(least) < 0 || value.compareTo(most) > 0) {
			problems.add(option + ": from " + format(least) + " to " + format(most));
		}
	}

	/** A lifetime as the options and the form take it: 90s, 5m, 8h, 30d. */
	public static String format(Duration value) {
		long seconds = value.toSeconds();
		if (seconds % 86400 == 0) {
			return seconds / 86400 + "d";
		}
		if (seconds % 3600 == 0) {
			return seconds / 3600 + "h";
		}
		return (seconds % 60 == 0) ? seconds / 60 + "m" : seconds + "s";
	}

	/** How long a client's ID tokens live (a Roster setting: the protocol has none). */
	static Duration idTokenLifetime(RegisteredClient client) {
		Object value = client.getTokenSettings().getSetting(ID_TOKEN_TIME_TO_LIVE);
		return (value instanceof Duration duration) ? duration : TokenPolicy.DEFAULTS.idToken();
	}

	/** Every client, oldest first, with when it last got a token for anyone. */
	public List<ClientSummary> list() {
		return this.jdbc
			.sql("SELECT c.client_id, c.client_name, c.client_authentication_methods, c.redirect_uris, c.scopes,"
					+ " c.client_id_issued_at, c.disabled_at, (SELECT MAX(COALESCE(a.refresh_token_issued_at,"
					+ " a.access_token_issued_at)) FROM oauth2_authorization a WHERE a.registered_client_id = c.id)"
					+ " AS last_used FROM oauth2_registered_client c ORDER BY c.client_id_issued_at, c.client_id")
			.query((rs, row) -> new ClientSummary(rs.getString("client_id"), rs.getString("client_name"),
					!rs.getString("client_authentication_methods").contains("client_secret"),
					List.of(rs.getString("redirect_uris").split(",")),
					List.of(rs.getString("scopes").split(",")).stream().sorted().toList(),
					rs.getTimestamp("client_id_issued_at").toInstant(),
					(rs.getTimestamp("last_used") != null) ? rs.getTimestamp("last_used").toInstant() : null,
					rs.getTimestamp("disabled_at") != null))
			.list();
	}

	/**
	 * A new secret for a confidential client, shown once; the old one stops working at
	 * once.
	 * @return the secret, or empty if there is no such confidential client
	 */
	@Transactional
	public Optional<String> rotateSecret(String clientId) {
		RegisteredClient client = this.clients.findIncludingDisabled(clientId);
		if (client == null || client.getClientSecret() == null) {
			return Optional.empty();
		}
		String secret = secret();
		this.clients.save(RegisteredClient.from(client).clientSecret(this.encoder.encode(secret)).build());
		return Optional.of(secret);
	}

	/**
	 * Deletes a client with its authorizations and consents: its tokens stop working at
	 * once.
	 * @return false if there is no such client
	 */
	@Transactional
	public boolean delete(String clientId) {
		String id = idOf(clientId);
		if (id == null) {
			return false;
		}
		this.grants.endForClient(id);
		this.jdbc.sql("DELETE FROM oauth2_registered_client WHERE id = ?").param(id).update();
		return true;
	}

	/**
	 * Disables a client (its grants end, it can sign no one in until enabled again) or
	 * enables it.
	 * @return false if there is no such client
	 */
	@Transactional
	public boolean setDisabled(String clientId, boolean disabled) {
		String id = idOf(clientId);
		if (id == null) {
			return false;
		}
		this.jdbc.sql("UPDATE oauth2_registered_client SET disabled_at = ? WHERE id = ?")
			.params(disabled ? Timestamp.from(Instant.now()) : null, id)
			.update();
		if (disabled) {
			this.grants.endForClient(id);
		}
		return true;
	}

	private @Nullable String idOf(String clientId) {
		return this.jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = ?")
			.param(clientId)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private static String known() {
		return String.join(" ", new TreeSet<>(SCOPES));
	}

	/**
	 * Exact-match redirect URIs: absolute, https (http only on a loopback host), no
	 * fragment.
	 */
	static boolean isRedirectUri(String value) {
		try {
			URI uri = new URI(value);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			String host = (uri.getHost() != null) ? uri.getHost() : "";
			boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
			return uri.isAbsolute() && uri.getFragment() == null && !host.isEmpty()
					&& (scheme.equals("https") || scheme.equals("http") && loopback);
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private static String secret() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** What a client is registered with. */
	public record NewClient(@Nullable String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
			boolean publicClient, List<String> scopes, boolean consent, TokenPolicy tokens) {

		/** A client with the default lifetimes and JWT access tokens. */
		public NewClient(@Nullable String name, List<String> redirectUris, List<String> postLogoutRedirectUris,
				boolean publicClient, List<String> scopes, boolean consent) {
			this(name, redirectUris, postLogoutRedirectUris, publicClient, scopes, consent, TokenPolicy.DEFAULTS);
		}

	}

	/**
	 * A client's token lifetimes, and whether its access tokens are opaque references
	 * (checked at introspection, so a revocation ends them at once) instead of JWTs.
	 */
	public record TokenPolicy(Duration accessToken, Duration idToken, Duration refreshToken, boolean referenceTokens) {

		public static final TokenPolicy DEFAULTS = new TokenPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5),
				Duration.ofHours(8), false);

	}

	private record Checked(String name, Set<String> scopes) {
	}

	/** The new client's id, and its secret (null for a public client), shown once. */
	public record Created(String clientId, @Nullable String clientSecret) {
	}

	/** A registered client as a list shows it. */
	public record ClientSummary(String clientId, String name, boolean publicClient, List<String> redirectUris,
			List<String> scopes, Instant createdAt, @Nullable Instant lastUsed, boolean disabled) {
	}

	/** A registration's problems, one per wrong option. */
	public static class InvalidClientException extends RuntimeException {

		private final List<String> problems;

		InvalidClientException(List<String> problems) {
			super(String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		public List<String> problems() {
			return this.problems;
		}

	}

}
