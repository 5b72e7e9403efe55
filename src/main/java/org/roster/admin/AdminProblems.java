package org.roster.admin;

import java.util.Map;

import org.roster.profile.ProfileNotFoundException;
import org.roster.user.DuplicateUserException;
import org.roster.user.LastActiveAdminException;
import org.roster.user.StaleVersionException;
import org.roster.user.UserNotFoundException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Domain failures of the user routes as RFC 9457 problem details. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminProblems {

	@ExceptionHandler({ UserNotFoundException.class, ProfileNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return problem(HttpStatus.NOT_FOUND, "No such user", "There is no user with this id.");
	}

	@ExceptionHandler(StaleVersionException.class)
	ProblemDetail stale(StaleVersionException ex) {
		return problem(HttpStatus.CONFLICT, "Changed by someone else", "Changed by someone else — reload.");
	}

	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	ProblemDetail concurrent(ObjectOptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, "Changed by someone else", "Changed by someone else — reload.");
	}

	@ExceptionHandler(LastActiveAdminException.class)
	ProblemDetail lastAdmin(LastActiveAdminException ex) {
		return problem(HttpStatus.CONFLICT, "Last active admin", ex.getMessage());
	}

	@ExceptionHandler(AdminActionRefusedException.class)
	ProblemDetail refused(AdminActionRefusedException ex) {
		return problem(HttpStatus.CONFLICT, "Not allowed on your own account", ex.getMessage());
	}

	@ExceptionHandler(DuplicateUserException.class)
	ProblemDetail duplicate(DuplicateUserException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, "Already taken", "This " + ex.getMessage() + ".");
		problem.setProperty("errors", Map.of(ex.getField(), "already taken"));
		return problem;
	}

	@ExceptionHandler(VersionRequiredException.class)
	ProblemDetail versionRequired(VersionRequiredException ex) {
		return problem(HttpStatus.PRECONDITION_REQUIRED, "Version required", ex.getMessage());
	}

	@ExceptionHandler(InvalidFieldsException.class)
	ProblemDetail invalid(InvalidFieldsException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage());
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	@ExceptionHandler(BadQueryException.class)
	ProblemDetail badQuery(BadQueryException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid query", ex.getMessage());
		problem.setProperty("errors", Map.of(ex.field(), ex.reason()));
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
