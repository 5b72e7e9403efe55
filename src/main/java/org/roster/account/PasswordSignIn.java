package org.roster.account;

import java.util.Collection;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A successful password check, with the password hash it verified so that
 * {@link SignInConfirmation} can tell whether the password changed before the session was
 * stored. The hash is transient: it never reaches the session store.
 */
final class PasswordSignIn extends UsernamePasswordAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient String checkedHash;

	PasswordSignIn(RosterPrincipal principal, String checkedHash, Collection<? extends GrantedAuthority> authorities) {
		super(principal, null, authorities);
		this.checkedHash = checkedHash;
	}

	RosterPrincipal principal() {
		return (RosterPrincipal) getPrincipal();
	}

	String checkedHash() {
		return this.checkedHash;
	}

}
