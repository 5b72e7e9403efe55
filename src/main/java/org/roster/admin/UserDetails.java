package org.roster.admin;

import java.time.Instant;

import org.roster.avatar.AvatarPaths;
import org.roster.profile.ProfileView;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserStatus;

/** {@code GET/PUT /edit_user} answer (docs/API.md, Routes). */
record UserDetails(long id, String username, String email, Role role, UserStatus status, int failedLogins,
		Instant lockedUntil, boolean locked, Instant createdAt, Instant lastLoginAt, long version, boolean invited,
		Profile profile) {

	record Profile(String fullName, String bio, String address, String zipcode, String phone, String email,
			String website, String imageUrl) {
	}

	static UserDetails of(User user, ProfileView profile) {
		return new UserDetails(user.getId(), user.getUsername(), user.getEmail(), user.getRole(), user.getStatus(),
				user.getFailedLogins(), user.getLockedUntil(), user.isLockedAt(Instant.now()), user.getCreatedAt(),
				user.getLastLoginAt(), user.getVersion(), user.isInvited(),
				new Profile(profile.fullName(), profile.bio(), profile.address(), profile.zipcode(), profile.phone(),
						profile.email(), profile.website(), AvatarPaths.of(user.getId(), profile.image())));
	}

}
