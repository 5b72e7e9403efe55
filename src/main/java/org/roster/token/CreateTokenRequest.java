package org.roster.token;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /tokens} body. {@code expiresInDays}: 30, 90 or 365; null (or absent) for a
 * token that never expires, which only admins may make.
 */
record CreateTokenRequest(
		@NotBlank(message = "{validation.required}") @Size(max = 64, message = "{validation.size.max}") @Pattern(
				regexp = "[^\\p{Cntrl}]*", message = "{token.validation.name}") @Nullable String name,
		@NotNull(message = "{validation.required}") @Pattern(regexp = TokenScope.PATTERN,
				message = "{token.validation.scope}") @Nullable String scope,
		@Nullable Integer expiresInDays) {
}
