package org.roster.admin;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.roster.avatar.AvatarPaths;
import org.roster.profile.ProfileView;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserStatus;

/**
 * {@code GET/PUT /edit_user} answer (docs/API.md, Routes). {@code pendingEmail} is the
 * address a user's change of their own address waits on (its confirmation link queued or
 * sent, not yet used, voided or expired); null when none waits.
 */
record UserDetails(long id, String username, String email, boolean emailVerified, boolean invited,
		@Nullable String pendingEmail, Role role, UserStatus status, int failedLogins, Instant lockedUntil,
		boolean locked, Instant createdAt, Instant lastLoginAt, long version, Profile profile) {

	record Profile(String fullName, String bio, String address, String zipcode, String phone, String email,
			String website, String imageUrl) {
	}

	static UserDetails of(User user, ProfileView profile) {
		return of(user, profile, null);
	}

	static UserDetails of(User user, ProfileView profile, @Nullable String pendingEmail) {
		return new UserDetails(user.getId(), user.getUsername(), user.getEmail(), user.isEmailVerified(),
				user.isInvited(), pendingEmail, user.getRole(), user.getStatus(), user.getFailedLogins(),
				user.getLockedUntil(), user.isLockedAt(Instant.now()), user.getCreatedAt(), user.getLastLoginAt(),
				user.getVersion(),
				new Profile(profile.fullName(), profile.bio(), profile.address(), profile.zipcode(), profile.phone(),
						profile.email(), profile.website(), AvatarPaths.of(user.getId(), profile.image())));
	}

}
