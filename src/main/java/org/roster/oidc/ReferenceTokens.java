package org.roster.oidc;

import java.util.HashMap;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Reads an opaque ("reference") access token presented to the provider's own endpoints
 * (userinfo) from the grants table, where it is stored hashed: no round trip over HTTP,
 * and a grant ended on any node ends the token at once.
 */
class ReferenceTokens implements OpaqueTokenIntrospector {

	private final OAuth2AuthorizationService authorizations;

	ReferenceTokens(OAuth2AuthorizationService authorizations) {
		this.authorizations = authorizations;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		OAuth2Authorization authorization = this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		OAuth2Authorization.Token<OAuth2AccessToken> access = (authorization != null) ? authorization.getAccessToken()
				: null;
		if (access == null || !access.isActive() || !access.getToken().getTokenValue().equals(token)) {
			throw new BadOpaqueTokenException("The access token is not active");
		}
		Map<String, Object> attributes = new HashMap<>();
		if (access.getClaims() != null) {
			attributes.putAll(access.getClaims());
		}
		attributes.put(OAuth2TokenIntrospectionClaimNames.CLIENT_ID, authorization.getRegisteredClientId());
		attributes.put(OAuth2TokenIntrospectionClaimNames.IAT, access.getToken().getIssuedAt());
		attributes.put(OAuth2TokenIntrospectionClaimNames.EXP, access.getToken().getExpiresAt());
		return new OAuth2IntrospectionAuthenticatedPrincipal(attributes,
				access.getToken()
					.getScopes()
					.stream()
					.<GrantedAuthority>map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope))
					.toList());
	}

}
