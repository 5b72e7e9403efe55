package org.roster.admin;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.roster.account.SecondFactors;

/**
 * A user's second factors as {@code GET /users/{id}/second-factors} answers: whether an
 * authenticator app is set up (and since when) and how many recovery codes are unused.
 */
record SecondFactorsView(boolean authenticator, @Nullable Instant authenticatorSince, int recoveryCodesLeft) {

	static SecondFactorsView of(SecondFactors.Summary summary) {
		return new SecondFactorsView(summary.authenticator(), summary.authenticatorSince(),
				summary.recoveryCodesLeft());
	}

}
