package org.roster.token;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /tokens} answer: the only time {@code token} is ever shown (the database
 * keeps its hash).
 */
record CreatedToken(long id, String name, String scope, String prefix, String token, Instant createdAt,
		@Nullable Instant expiresAt) {
}
