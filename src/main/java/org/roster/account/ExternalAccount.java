package org.roster.account;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

/**
 * What another account's provider said about the person signing in: enough to find their
 * link, or to make an account. Kept in the session while the person decides what to do
 * next (give an address, or sign in with their password to link it).
 *
 * @param registrationId the client registration ({@code spring.security.oauth2.client
 * .registration.<id>}), which names the provider in {@code user_identities}
 * @param providerName the registration's client name, shown to people ("GitHub")
 * @param subject the provider's stable id of the person, never their address
 * @param login the provider's username, a starting point for Roster's
 * @param email an address, or null
 * @param emailVerified whether the provider asserts the address is its owner's
 * @param picture the address of the person's picture at the provider, or null
 */
record ExternalAccount(String registrationId, String providerName, String subject, @Nullable String login,
		@Nullable String fullName, @Nullable String email, boolean emailVerified,
		@Nullable String picture) implements Serializable {

	/** The address, if the provider vouches for it. */
	public @Nullable String verifiedEmail() {
		return this.emailVerified ? this.email : null;
	}

}
