package org.roster.oidc;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;

/**
 * Introspection answers a client only about its own tokens: another client's token is
 * {@code active: false}, as an unknown one is, so a client learns nothing about what it
 * was not given (Spring Authorization Server would describe any token to any client).
 */
final class ClientBoundIntrospection implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	ClientBoundIntrospection(AuthenticationProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication answer = this.delegate.authenticate(authentication);
		if (answer instanceof OAuth2TokenIntrospectionAuthenticationToken introspection
				&& introspection.getTokenClaims().isActive()
				&& introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null
				&& !client.getRegisteredClient().getClientId().equals(introspection.getTokenClaims().getClientId())) {
			return new OAuth2TokenIntrospectionAuthenticationToken(introspection.getToken(), client,
					OAuth2TokenIntrospection.builder().build());
		}
		return answer;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
