package org.roster.oidc;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.roster.account.SecondFactors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The ID token's {@code amr} (RFC 8176) from the factors the sign-in kept on its
 * authentication: {@code pwd} for the password, {@code otp} for an authenticator or
 * recovery code (both one-time passwords). A sign-in through another account has no value
 * of its own in RFC 8176, and adds none.
 */
final class AuthenticationMethods {

	private AuthenticationMethods() {
	}

	/** A plain list, in sign-in order: the claims are stored with the authorization. */
	static List<String> of(Authentication authentication) {
		List<String> methods = new ArrayList<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (!(authority instanceof FactorGrantedAuthority)) {
				continue;
			}
			String method = method(authority.getAuthority());
			if (method != null && !methods.contains(method)) {
				methods.add(method);
			}
		}
		return methods;
	}

	private static @Nullable String method(String factor) {
		if (FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(factor)) {
			return "pwd";
		}
		if (SecondFactors.TOTP_AUTHORITY.equals(factor) || SecondFactors.RECOVERY_CODE_AUTHORITY.equals(factor)) {
			return "otp";
		}
		return null;
	}

}
