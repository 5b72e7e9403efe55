package org.roster.account;

import org.roster.web.TranslatableException;

/** No passkey of the signed-in user has this id (404). */
class PasskeyNotFoundException extends TranslatableException {

	PasskeyNotFoundException() {
		super("problem.not-found.passkey");
	}

}
