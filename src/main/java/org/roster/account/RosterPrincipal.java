package org.roster.account;

import java.io.Serializable;

import org.roster.activity.ActingUser;
import org.roster.user.Role;
import org.roster.user.User;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is signed in, as kept in the (database-stored) session: small and serialisable.
 * {@link #getName()} is the username, which Spring Session indexes to find a user's
 * sessions.
 */
public record RosterPrincipal(long id, String username,
		Role role) implements AuthenticatedPrincipal, ActingUser, Serializable {

	static RosterPrincipal of(User user) {
		return new RosterPrincipal(user.getId(), user.getUsername(), user.getRole());
	}

	@Override
	public String getName() {
		return this.username;
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

}
