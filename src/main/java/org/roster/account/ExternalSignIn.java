package org.roster.account;

import java.util.Collection;
import java.util.Locale;

import org.roster.user.UserService;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A sign-in through a linked provider account. In the session it is an authentication
 * like a password's (the same principal and authorities); its language is transient.
 */
final class ExternalSignIn extends UsernamePasswordAuthenticationToken implements RecordedSignIn {

	private static final long serialVersionUID = 1L;

	private final transient Locale language;

	ExternalSignIn(RosterPrincipal principal, Locale language, Collection<? extends GrantedAuthority> authorities) {
		super(principal, null, authorities);
		this.language = language;
	}

	@Override
	public RosterPrincipal principal() {
		return (RosterPrincipal) getPrincipal();
	}

	@Override
	public String method() {
		return "external";
	}

	@Override
	public Locale language() {
		return this.language;
	}

	@Override
	public boolean record(UserService users) {
		return users.recordExternalSignIn(principal().id(), principal().role());
	}

}
