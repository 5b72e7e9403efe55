package org.roster.admin;

import java.util.Map;

/**
 * Input that failed a rule checked in code rather than by annotations (400 with
 * {@code errors}).
 */
class InvalidFieldsException extends RuntimeException {

	private final Map<String, String> errors;

	InvalidFieldsException(Map<String, String> errors) {
		super("Some fields are not valid.");
		this.errors = Map.copyOf(errors);
	}

	Map<String, String> errors() {
		return this.errors;
	}

}
