package org.roster.token;

/** No token of this id among the user's: 404. */
class TokenNotFoundException extends RuntimeException {

	TokenNotFoundException() {
		super("No such token");
	}

}
