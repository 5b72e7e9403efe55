/**
 * The activity log and the admins' dashboard: {@code audit_events} (one row per change or
 * sign-in, written in the change's transaction through
 * {@link org.roster.activity.ActivityLog}, never updated), {@code GET /activity} (page,
 * JSON and CSV, keyset paging), the retention job, the daily roll-ups
 * ({@code audit_daily}, {@code audit_daily_failures}) and {@code GET /dashboard}.
 * <p>
 * Public API: {@code ActivityLog}, {@code Action}, {@code ActingUser},
 * {@code ActivityEntry}.
 * <p>
 * May use: {@code user} (names to filter by, the user counts), {@code web}.
 */
@NullMarked
package org.roster.activity;

import org.jspecify.annotations.NullMarked;
