package org.roster.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.registration.*}. A value other than {@code off}, {@code optional} or
 * {@code required} (in any case) fails the start-up with Spring Boot's binding report,
 * which names the property, the value and the valid ones.
 *
 * @param emailVerification whether a new address must be confirmed through a mailed link
 */
@ConfigurationProperties("roster.registration")
record RegistrationProperties(@DefaultValue("optional") VerificationMode emailVerification) {

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
