package org.roster.admin;

/**
 * A query-string value outside what a route accepts: 400 (problem details in
 * {@link AdminProblems}, the error page in {@link UserListPage}).
 */
class BadQueryException extends RuntimeException {

	private final String field;

	private final String reason;

	BadQueryException(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
		this.reason = reason;
	}

	String reason() {
		return this.reason;
	}

	String field() {
		return this.field;
	}

}
