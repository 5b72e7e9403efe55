package org.roster.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.registration.*}. A value other than {@code off}, {@code optional} or
 * {@code required} (in any case) fails the start-up with Spring Boot's binding report,
 * which names the property, the value and the valid ones.
 *
 * @param emailVerification whether a new address must be confirmed through a mailed link
 * @param social whether signing in with another account (GitHub, an OpenID Connect
 * issuer) makes an account for a person who has none ({@code open | link-only})
 */
@ConfigurationProperties("roster.registration")
record RegistrationProperties(@DefaultValue("optional") VerificationMode emailVerification,
		@DefaultValue("open") SocialMode social) {

	/** What a provider account that no Roster account is linked to may do. */
	enum SocialMode {

		/** Make a {@code USER} account for it. */
		OPEN,

		/** Nothing but link to an existing account, after that account's password. */
		LINK_ONLY

	}

	/** How far Roster goes to learn that an account's address is real. */
	enum VerificationMode {

		/** No verification mail; addresses stay unconfirmed and nothing says so. */
		OFF,

		/**
		 * A link is mailed; the account works at once, and the profile and the admin list
		 * show "unverified" until it is opened.
		 */
		OPTIONAL,

		/** As optional, but sign-in is refused until the address is confirmed. */
		REQUIRED

	}

}
