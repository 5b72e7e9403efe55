package org.roster.token;

import org.roster.user.UserNotFoundException;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The token routes' own failures as problem details, before the shared handler (whose
 * catch-all would answer them with 500).
 */
@RestControllerAdvice(assignableTypes = TokenController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TokenProblems {

	@ExceptionHandler(TokenNotFoundException.class)
	ProblemDetail tokenNotFound(TokenNotFoundException ex) {
		return Problems.of(ProblemType.NOT_FOUND, "problem.not-found.token");
	}

	@ExceptionHandler(UserNotFoundException.class)
	ProblemDetail userNotFound(UserNotFoundException ex) {
		return Problems.of(ProblemType.NOT_FOUND, "problem.not-found.user");
	}

	@ExceptionHandler(InvalidTokenRequestException.class)
	ProblemDetail invalid(InvalidTokenRequestException ex) {
		return Problems.withErrors(ProblemType.VALIDATION, ProblemType.VALIDATION.defaultDetail(), ex.errors());
	}

}
