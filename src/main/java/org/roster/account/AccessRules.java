package org.roster.account;

import org.springframework.stereotype.Component;

/**
 * Authorisation rules used in {@code @PreAuthorize} expressions as {@code @access}:
 * "admin, or the user themself" per docs/API.md, Routes.
 */
@Component("access")
public class AccessRules {

	public boolean isSelfOrAdmin(long userId) {
		RosterPrincipal principal = CurrentUser.principal();
		return principal != null && (principal.isAdmin() || principal.id() == userId);
	}

	public boolean isSelf(long userId) {
		RosterPrincipal principal = CurrentUser.principal();
		return principal != null && principal.id() == userId;
	}

}
