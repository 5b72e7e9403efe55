package org.roster.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One token in a list: never the token, only its first characters ({@code prefix}). */
record TokenView(long id, String name, String scope, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
		@Nullable Instant expiresAt, boolean expired) {
}
