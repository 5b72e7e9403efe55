package org.roster.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.roster.profile.ProfileData;
import org.roster.user.Role;

/**
 * {@code POST /users} body: the invited account's username, email and role, and
 * optionally profile fields. Never a password: its owner chooses it through the
 * invitation.
 */
record InviteRequest(
		@NotBlank(message = "{validation.required}") @Size(max = 32,
				message = "{validation.size.max}") @Nullable String username,
		@NotBlank(message = "{validation.required}") @Size(max = 254,
				message = "{validation.size.max}") @Nullable String email,
		@NotNull(message = "{validation.required}") @Nullable Role role, @Valid @Nullable ProfileData profile) {
}
