/**
 * Roster as an OpenID Connect provider for other applications (Spring Authorization
 * Server): discovery, the keys (RS256, kept in {@code oidc_signing_keys} so that every
 * node signs and publishes the same ones), authorization code with PKCE, refresh tokens,
 * userinfo, revocation, introspection, RP-initiated logout; registered clients,
 * authorizations (token values only as their SHA-256) and consents in the database; the
 * claims of Roster's extended profile by scope.
 * <p>
 * Public API: {@link org.roster.oidc.OidcClients} (the applications) and
 * {@link org.roster.oidc.SigningKeys} (their rotation), for the command line.
 * <p>
 * May use: {@code user}, {@code profile}, {@code avatar} (the picture's address),
 * {@code account} (the signed-in principal, the sign-in page), {@code web}.
 */
@NullMarked
package org.roster.oidc;

import org.jspecify.annotations.NullMarked;
