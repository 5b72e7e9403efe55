package org.roster.account;

import java.util.Collection;
import java.util.Locale;

import org.roster.user.UserService;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A successful password check, with the password hash it verified so that
 * {@link SignInConfirmation} can tell whether the password changed before the session was
 * stored, and the language its mail is written in. Both are transient: they never reach
 * the session store.
 */
final class PasswordSignIn extends UsernamePasswordAuthenticationToken implements RecordedSignIn {

	private static final long serialVersionUID = 1L;

	private final transient String checkedHash;

	private final transient Locale language;

	PasswordSignIn(RosterPrincipal principal, String checkedHash, Locale language,
			Collection<? extends GrantedAuthority> authorities) {
		super(principal, null, authorities);
		this.checkedHash = checkedHash;
		this.language = language;
	}

	@Override
	public RosterPrincipal principal() {
		return (RosterPrincipal) getPrincipal();
	}

	@Override
	public boolean record(UserService users) {
		return users.recordSuccessfulLogin(principal().id(), principal().role(), this.checkedHash);
	}

	@Override
	public String method() {
		return "password";
	}

	@Override
	public Locale language() {
		return this.language;
	}

}
