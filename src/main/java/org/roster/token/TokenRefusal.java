package org.roster.token;

import org.roster.web.ProblemType;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A denial that says why a token may not make this request, for the problem the chain
 * answers with ({@link TokenErrors}): a route tokens never call, or a read-only scope.
 */
final class TokenRefusal extends AuthorizationDecision {

	private static final long serialVersionUID = 1L;

	private final ProblemType type;

	private final String detail;

	TokenRefusal(ProblemType type, String detail) {
		super(false);
		this.type = type;
		this.detail = detail;
	}

	ProblemType type() {
		return this.type;
	}

	/** A bundle key. */
	String detail() {
		return this.detail;
	}

}
