package org.roster.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.roster.profile.ProfileData;
import org.roster.user.Role;

/**
 * {@code PUT /edit_user} body. Only these fields bind; {@code role} is for admins.
 * {@code version} is required (428 without it).
 */
record EditUserRequest(@Size(max = 254, message = "{validation.size.max}") String email, Role role,
		@Valid ProfileData profile, Long version) {
}
