package org.roster.admin;

/** A query-string value outside what a route accepts. Answered with 400 and the field. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.BAD_REQUEST)
class BadQueryException extends RuntimeException {

	private final String field;

	BadQueryException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
