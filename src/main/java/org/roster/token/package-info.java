/**
 * Personal API tokens: the {@code api_tokens} table (only each token's SHA-256 and a
 * short prefix are stored), the {@code /tokens} routes of the profile page and the
 * admin's {@code /users/{id}/tokens}, and the filter chain that signs in a request
 * carrying {@code Authorization: Bearer rst_…}: stateless, one query per request, the
 * session's URL rules ({@code account.RouteRules}) narrowed by the token's scope and by
 * the routes a token may never call. A user's tokens end with their access
 * ({@code account.AccessEndedEvent}) and with the user (foreign key).
 * <p>
 * Public API: none (routes, a filter chain and an event listener).
 * <p>
 * May use: {@code user}, {@code account} (the principal, the route rules, the event),
 * {@code web}.
 */
@NullMarked
package org.roster.token;

import org.jspecify.annotations.NullMarked;
