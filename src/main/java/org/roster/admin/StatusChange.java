package org.roster.admin;

import jakarta.validation.constraints.NotNull;

import org.roster.user.UserStatus;

/** {@code PUT /update_status} body and answer. */
record StatusChange(@NotNull(message = "{validation.required}") Long id,
		@NotNull(message = "{validation.status}") UserStatus status) {
}
