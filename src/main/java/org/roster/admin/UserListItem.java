package org.roster.admin;

import java.time.Instant;

import org.roster.user.Role;
import org.roster.user.UserStatus;

/** One row of the admin list, as HTML and JSON show it. */
record UserListItem(long id, String username, String email, boolean emailVerified, boolean invited, String fullName,
		Role role, UserStatus status, int failedLogins, Instant lockedUntil, boolean locked, Instant createdAt,
		Instant lastLoginAt, long version, String imageUrl) {
}
