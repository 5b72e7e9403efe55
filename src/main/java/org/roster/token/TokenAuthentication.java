package org.roster.token;

import java.util.List;

import org.roster.account.RosterPrincipal;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in by an API token: the same principal a session holds (so
 * {@code CurrentUser}, {@code @access} and {@code @PreAuthorize} work unchanged), the
 * user's current role and the token's scope as authorities. The token itself is not kept.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

	private final RosterPrincipal principal;

	private final long tokenId;

	private final TokenScope scope;

	TokenAuthentication(RosterPrincipal principal, long tokenId, TokenScope scope) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + principal.role().name()), scope.authority()));
		this.principal = principal;
		this.tokenId = tokenId;
		this.scope = scope;
		setAuthenticated(true);
	}

	@Override
	public RosterPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	long tokenId() {
		return this.tokenId;
	}

	TokenScope scope() {
		return this.scope;
	}

}
