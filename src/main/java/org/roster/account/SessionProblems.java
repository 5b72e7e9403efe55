package org.roster.account;

import org.roster.user.UserNotFoundException;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The session routes' own failures as problem details, before the shared handler (whose
 * catch-all would answer them with 500).
 */
@RestControllerAdvice(assignableTypes = SessionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SessionProblems {

	@ExceptionHandler(UserSessions.SessionNotFoundException.class)
	ProblemDetail sessionNotFound(UserSessions.SessionNotFoundException ex) {
		return Problems.of(ProblemType.NOT_FOUND, "problem.not-found.session");
	}

	@ExceptionHandler(UserNotFoundException.class)
	ProblemDetail userNotFound(UserNotFoundException ex) {
		return Problems.of(ProblemType.NOT_FOUND, "problem.not-found.user");
	}

}
