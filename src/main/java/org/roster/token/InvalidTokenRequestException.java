package org.roster.token;

import java.util.Map;

/** A token request whose fields the service refuses: 400 with {@code errors}. */
class InvalidTokenRequestException extends RuntimeException {

	private final Map<String, String> errors;

	InvalidTokenRequestException(Map<String, String> errors) {
		super("Invalid token request: " + errors.keySet());
		this.errors = Map.copyOf(errors);
	}

	Map<String, String> errors() {
		return this.errors;
	}

}
