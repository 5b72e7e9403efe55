package org.roster.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * How the user signed in, as an ID token's {@code amr} (RFC 8176), read from the factors
 * on the authentication: a password is {@code pwd}; an authenticator or recovery code
 * after it {@code otp} (both one-time passwords); a passkey, always used with user
 * verification, is {@code hwk} (a key held by a device), {@code user} (the person present
 * and verified on it) and {@code mfa} (the device and the PIN or biometric are two
 * factors). A provider's sign-in says nothing Roster can vouch for: none.
 */
public final class AuthenticationMethods {

	private AuthenticationMethods() {
	}

	/**
	 * Whether the sign-in already has two factors (a passkey): no second step after it.
	 */
	public static boolean isMultiFactor(Authentication authentication) {
		return factors(authentication).contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY);
	}

	/**
	 * The {@code amr} values, in a plain list (stored with the authorization, whose JSON
	 * reader takes only the collection types Spring Security allows); empty for none.
	 */
	public static List<String> of(Authentication authentication) {
		Set<String> methods = new LinkedHashSet<>();
		Set<String> factors = factors(authentication);
		if (factors.contains(FactorGrantedAuthority.PASSWORD_AUTHORITY)) {
			methods.add("pwd");
		}
		if (factors.contains(SecondFactors.TOTP_AUTHORITY) || factors.contains(SecondFactors.RECOVERY_CODE_AUTHORITY)) {
			methods.add("otp");
		}
		if (factors.contains(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)) {
			methods.add("hwk");
			methods.add("user");
			methods.add("mfa");
		}
		return new ArrayList<>(methods);
	}

	private static Set<String> factors(Authentication authentication) {
		Set<String> factors = new LinkedHashSet<>();
		if (authentication != null) {
			for (GrantedAuthority authority : authentication.getAuthorities()) {
				if (authority instanceof FactorGrantedAuthority factor) {
					factors.add(factor.getAuthority());
				}
			}
		}
		return factors;
	}

}
