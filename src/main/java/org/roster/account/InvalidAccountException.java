package org.roster.account;

import java.util.Map;

/**
 * Account input that breaks the rules; {@link #errors()} maps each field to its message.
 */
public class InvalidAccountException extends RuntimeException {

	private final Map<String, String> errors;

	public InvalidAccountException(Map<String, String> errors) {
		super(errors.values().iterator().next());
		this.errors = Map.copyOf(errors);
	}

	public Map<String, String> errors() {
		return this.errors;
	}

}
