package org.roster.account;

import org.roster.web.TranslatableException;

/**
 * A passkey the browser sent that is not accepted (400
 * {@code /problems/invalid-passkey}).
 */
class PasskeyException extends TranslatableException {

	PasskeyException(String key) {
		super(key);
	}

	PasskeyException(String key, Throwable cause) {
		super(key);
		initCause(cause);
	}

}
