package org.roster.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user of the current request (by session or API token), or null.
 */
public final class CurrentUser {

	/** The prefix of an API token's scope authority. */
	public static final String SCOPE_PREFIX = "SCOPE_";

	private CurrentUser() {
	}

	public static RosterPrincipal principal() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof RosterPrincipal principal)
				? principal : null;
	}

	/**
	 * Whether the request came with an API token rather than a session: token
	 * authentications carry a scope authority ({@code SCOPE_read}, {@code SCOPE_write}),
	 * sessions never do.
	 */
	public static boolean viaApiToken() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> String.valueOf(authority.getAuthority()).startsWith(SCOPE_PREFIX));
	}

	/**
	 * Refuses a change that needs the user's session when the request came with an API
	 * token; {@code messageKey} names the change for the problem's detail.
	 */
	public static void requireSession(String messageKey) {
		if (viaApiToken()) {
			throw new SessionRequiredException(messageKey);
		}
	}

	public static RosterPrincipal require() {
		RosterPrincipal principal = principal();
		if (principal == null) {
			throw new IllegalStateException("No signed-in user");
		}
		return principal;
	}

}
