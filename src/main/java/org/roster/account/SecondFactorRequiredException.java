package org.roster.account;

import org.springframework.security.core.AuthenticationException;

/**
 * The right password of an account with a second factor (or an admin who must set one
 * up): not a failure and not yet a sign-in. The sign-in page's failure handler hands it
 * to {@link SecondFactorGate}, which asks for the code; the filter never stores an
 * authentication for it.
 */
class SecondFactorRequiredException extends AuthenticationException {

	private static final long serialVersionUID = 1L;

	private final transient HalfSignIn signIn;

	SecondFactorRequiredException(HalfSignIn signIn) {
		super("A second factor is required");
		this.signIn = signIn;
	}

	HalfSignIn signIn() {
		return this.signIn;
	}

}
