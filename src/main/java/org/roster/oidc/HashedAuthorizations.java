package org.roster.oidc;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.roster.account.RosterPrincipal;
import org.roster.web.Sha256;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps authorizations with their token values as SHA-256 only: a copy of the database
 * (or a backup) holds no usable code, access, refresh or ID token. A token presented is
 * hashed to find its authorization, which is handed back with that one value as presented
 * (Spring Authorization Server compares it); every other value stays a hash. The
 * signed-in principal is stored as Roster's plain principal, whatever way the user signed
 * in.
 */
final class HashedAuthorizations implements OAuth2AuthorizationService {

	private static final String PREFIX = "sha256:";

	private final OAuth2AuthorizationService store;

	private final JdbcClient jdbc;

	HashedAuthorizations(OAuth2AuthorizationService store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		rememberReplacedRefreshToken(authorization);
		OAuth2Authorization.Builder hashed = withValues(authorization, HashedAuthorizations::hashed);
		Object principal = authorization.getAttribute(Principal.class.getName());
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof RosterPrincipal roster) {
			hashed.attribute(Principal.class.getName(),
					UsernamePasswordAuthenticationToken.authenticated(roster, null, authentication.getAuthorities()));
		}
		this.store.save(hashed.build());
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.jdbc.sql("DELETE FROM oidc_spent_refresh_tokens WHERE authorization_id = ?")
			.param(authorization.getId())
			.update();
		this.store.remove(authorization);
	}

	/**
	 * A rotation replaces the refresh token: the old one's hash is kept, so that
	 * presenting it again is recognised as reuse.
	 */
	private void rememberReplacedRefreshToken(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2RefreshToken> next = authorization.getRefreshToken();
		if (next == null) {
			return;
		}
		OAuth2Authorization stored = this.store.findById(authorization.getId());
		OAuth2Authorization.Token<OAuth2RefreshToken> previous = (stored != null) ? stored.getRefreshToken() : null;
		if (previous != null && !previous.getToken().getTokenValue().equals(hashed(next.getToken().getTokenValue()))) {
			this.jdbc
				.sql("INSERT INTO oidc_spent_refresh_tokens (token_hash, authorization_id, spent_at) VALUES (?, ?, ?)")
				.params(previous.getToken().getTokenValue(), authorization.getId(), Timestamp.from(Instant.now()))
				.update();
		}
	}

	/**
	 * A refresh token that rotation replaced, presented again: it was copied or stolen,
	 * so the whole grant ends (RFC 9700, refresh token rotation).
	 */
	private void endGrantOfReusedRefreshToken(String hash) {
		this.jdbc.sql("SELECT authorization_id FROM oidc_spent_refresh_tokens WHERE token_hash = ?")
			.param(hash)
			.query(String.class)
			.optional()
			.map(this.store::findById)
			.ifPresent(this::remove);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.store.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		if (tokenType != null && "state".equals(tokenType.getValue())) {
			return this.store.findByToken(token, tokenType);
		}
		String hash = hashed(token);
		OAuth2Authorization found = this.store.findByToken(hash, tokenType);
		if (found == null && (tokenType == null || OAuth2TokenType.REFRESH_TOKEN.equals(tokenType))) {
			endGrantOfReusedRefreshToken(hash);
		}
		if (found == null) {
			// The consent's state is no token: it is kept as issued.
			return (tokenType == null) ? this.store.findByToken(token, new OAuth2TokenType("state")) : null;
		}
		return withValues(found, (value) -> value.equals(hash) ? token : value).build();
	}

	private static OAuth2Authorization.Builder withValues(OAuth2Authorization authorization,
			UnaryOperator<String> change) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(authorization);
		copy(builder, authorization, OAuth2AuthorizationCode.class, change);
		copy(builder, authorization, OAuth2AccessToken.class, change);
		copy(builder, authorization, OAuth2RefreshToken.class, change);
		copy(builder, authorization, OidcIdToken.class, change);
		return builder;
	}

	private static <T extends OAuth2Token> void copy(OAuth2Authorization.Builder builder,
			OAuth2Authorization authorization, Class<T> type, UnaryOperator<String> change) {
		OAuth2Authorization.Token<T> token = authorization.getToken(type);
		if (token == null) {
			return;
		}
		T value = token.getToken();
		String changed = change.apply(value.getTokenValue());
		if (changed.equals(value.getTokenValue())) {
			return;
		}
		builder.token(withValue(value, changed), (metadata) -> metadata.putAll(token.getMetadata()));
	}

	private static OAuth2Token withValue(OAuth2Token token, String value) {
		if (token instanceof OAuth2AccessToken access) {
			return new OAuth2AccessToken(access.getTokenType(), value, access.getIssuedAt(), access.getExpiresAt(),
					access.getScopes());
		}
		if (token instanceof OAuth2RefreshToken) {
			return new OAuth2RefreshToken(value, token.getIssuedAt(), token.getExpiresAt());
		}
		if (token instanceof OidcIdToken id) {
			return new OidcIdToken(value, id.getIssuedAt(), id.getExpiresAt(), id.getClaims());
		}
		if (token instanceof OAuth2AuthorizationCode) {
			return new OAuth2AuthorizationCode(value, token.getIssuedAt(), token.getExpiresAt());
		}
		throw new IllegalArgumentException("No copy for " + token.getClass().getName());
	}

	static String hashed(String value) {
		if (value.startsWith(PREFIX)) {
			return value;
		}
		return PREFIX + Sha256.hex(value);
	}

}
