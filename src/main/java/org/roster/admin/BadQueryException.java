package org.roster.admin;

import org.roster.web.TranslatableException;

/**
 * A query-string value outside what a route accepts: 400 (problem details in
 * {@link AdminProblems}, the error page in {@link UserListPage}).
 */
class BadQueryException extends TranslatableException {

	private final String field;

	/**
	 * {@code reasonKey}: a {@code problem.invalid-query.*} key, filled with the
	 * arguments.
	 */
	BadQueryException(String field, String reasonKey, Object... arguments) {
		super(reasonKey, arguments);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
