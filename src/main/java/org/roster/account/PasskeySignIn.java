package org.roster.account;

import java.util.Collection;
import java.util.Locale;

import org.roster.user.UserService;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A sign-in with a passkey (with user verification). In the session it is an
 * authentication like a password's: the same principal, the role and its factor
 * ({@code FACTOR_WEBAUTHN}); its language is transient.
 */
final class PasskeySignIn extends UsernamePasswordAuthenticationToken implements RecordedSignIn {

	private static final long serialVersionUID = 1L;

	private final transient Locale language;

	PasskeySignIn(RosterPrincipal principal, Locale language, Collection<? extends GrantedAuthority> authorities) {
		super(principal, null, authorities);
		this.language = language;
	}

	@Override
	public RosterPrincipal principal() {
		return (RosterPrincipal) getPrincipal();
	}

	@Override
	public String method() {
		return "passkey";
	}

	@Override
	public Locale language() {
		return this.language;
	}

	/** Like a provider's sign-in: no password hash to compare, status and role are. */
	@Override
	public boolean record(UserService users) {
		return users.recordExternalSignIn(principal().id(), principal().role());
	}

}
