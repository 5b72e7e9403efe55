package org.roster.account;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A sign-in that passed its first factor (a password, or another account) and waits for
 * the second: kept in the session under {@link #ATTRIBUTE} while the session's security
 * context stays empty, so until the code is given the session has no authority anywhere
 * (pages, JSON routes, the OpenID Connect provider). Holds no secret: the password hash
 * the sign-in checked only as its SHA-256, to tell whether it changed meanwhile.
 *
 * @param firstFactor the first factor's authority ({@code FACTOR_PASSWORD},
 * {@code FACTOR_AUTHORIZATION_CODE})
 * @param setUpRequired an admin without a second factor who must set one up first
 * @param linkRequested the provider whose waiting account the password sign-in was to
 * link ({@code link} of {@code /login/external}'s form), carried to the full sign-in
 */
record HalfSignIn(RosterPrincipal principal, String firstFactor, Instant firstFactorAt,
		@Nullable String checkedHashSha256, Locale language, boolean setUpRequired,
		@Nullable String linkRequested) implements Serializable {

	static final String ATTRIBUTE = "roster.halfSignIn";

	/** How long the code page waits for the code before the password is asked again. */
	static final Duration LIFETIME = Duration.ofMinutes(10);

	HalfSignIn withLinkRequested(@Nullable String link) {
		return new HalfSignIn(this.principal, this.firstFactor, this.firstFactorAt, this.checkedHashSha256,
				this.language, this.setUpRequired, link);
	}

	boolean isExpiredAt(Instant now) {
		return now.isAfter(this.firstFactorAt.plus(LIFETIME));
	}

}
