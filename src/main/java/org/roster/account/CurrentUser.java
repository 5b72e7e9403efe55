package org.roster.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in user of the current request, or null. */
public final class CurrentUser {

	private CurrentUser() {
	}

	public static RosterPrincipal principal() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof RosterPrincipal principal)
				? principal : null;
	}

	public static RosterPrincipal require() {
		RosterPrincipal principal = principal();
		if (principal == null) {
			throw new IllegalStateException("No signed-in user");
		}
		return principal;
	}

}
