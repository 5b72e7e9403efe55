package org.roster.activity;

import org.roster.web.TranslatableException;

/**
 * A filter or cursor of {@code /activity} that the route does not accept: 400 (problem
 * details in {@link ActivityProblems}, the error page for the HTML page).
 */
class BadFilterException extends TranslatableException {

	private final String field;

	BadFilterException(String field, String reasonKey, Object... arguments) {
		super(reasonKey, arguments);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
