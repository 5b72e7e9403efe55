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
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The applications that sign their users in through Roster: registered with exact
 * redirect URIs, the scopes they may ask for, whether the user is asked to consent, and
 * the default lifetimes (access and ID token 5 minutes, refresh token 8 hours, rotated at
 * every use). A confidential client's secret is shown once and stored hashed; a public
 * one (a single-page or mobile app) has none and must use PKCE.
 */
@Service
public class OidcClients {

	/** The scopes Roster knows; a client may be allowed any of them. */
	public static final Set<String> SCOPES = Set.of("openid", "profile", "email", "phone", "address",
			RosterClaims.ROLES_SCOPE);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RegisteredClientRepository clients;

	private final PasswordEncoder encoder;

	private final JdbcClient jdbc;

	private final Grants grants;

	OidcClients(RegisteredClientRepository clients, PasswordEncoder encoder, JdbcClient jdbc, Grants grants) {
		this.clients = clients;
		this.encoder = encoder;
		this.jdbc = jdbc;
		this.grants = grants;
	}

	/**
	 * Registers a client.
	 * @throws InvalidClientException naming what is wrong (no name, no or a bad redirect
	 * URI, an unknown scope, no {@code openid})
	 */
	@Transactional
	public Created create(NewClient request) {
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
		if (!problems.isEmpty()) {
			throw new InvalidClientException(problems);
		}
		String clientId = UUID.randomUUID().toString();
		String secret = request.publicClient() ? null : secret();
		RegisteredClient.Builder client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(Instant.now())
			.clientName(name)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUris((uris) -> uris.addAll(request.redirectUris()))
			.postLogoutRedirectUris((uris) -> uris.addAll(request.postLogoutRedirectUris()))
			.scopes((all) -> all.addAll(scopes))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(request.publicClient())
				.requireAuthorizationConsent(request.consent())
				.build())
			.tokenSettings(TokenSettings.builder()
				.accessTokenTimeToLive(Duration.ofMinutes(5))
				.authorizationCodeTimeToLive(Duration.ofMinutes(1))
				.refreshTokenTimeToLive(Duration.ofHours(8))
				.reuseRefreshTokens(false)
				.build());
		if (secret != null) {
			client.clientSecret(this.encoder.encode(secret))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		else {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
		}
		this.clients.save(client.build());
		return new Created(clientId, secret);
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
		RegisteredClient client = this.clients.findByClientId(clientId);
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
			boolean publicClient, List<String> scopes, boolean consent) {
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
