package org.roster.account;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One signed-in session as its owner and admins see it: the public id (never the
 * session's id, which is the cookie's secret), the browser and system named from the user
 * agent (null when not recognised), the user agent itself, the client address at sign-in,
 * when it signed in and was last active (to the minute), and whether it is the caller's.
 */
public record SessionView(String id, @Nullable String browser, @Nullable String system, String userAgent,
		@Nullable String address, Instant signedInAt, Instant lastActiveAt, boolean current) {
}
