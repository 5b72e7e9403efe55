/**
 * Users: the {@code users} and {@code user_counts} tables, the {@code User} entity,
 * uniqueness of usernames and emails, the last-active-admin guard and the atomic sign-in
 * counters.
 * <p>
 * Public API: {@link org.roster.user.UserService}, {@link org.roster.user.User}
 * (read-only outside), {@link org.roster.user.UserCreatedEvent},
 * {@link org.roster.user.UserDeletedEvent}, {@link org.roster.user.EmailAddress} and the
 * records and exceptions of the service's signatures.
 * <p>
 * May use: no other feature. Features that follow a user listen to its events.
 */
@NullMarked
package org.roster.user;

import org.jspecify.annotations.NullMarked;
