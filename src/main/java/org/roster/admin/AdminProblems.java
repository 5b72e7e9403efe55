package org.roster.admin;

import java.util.Map;

import org.roster.account.InvalidAccountException;
import org.roster.account.Invitations;
import org.roster.account.MailLimitException;
import org.roster.account.OwnAccountDeletion;
import org.roster.profile.ProfileNotFoundException;
import org.roster.user.DuplicateUserException;
import org.roster.user.LastActiveAdminException;
import org.roster.user.StaleVersionException;
import org.roster.user.UserNotFoundException;
import org.roster.web.Messages;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Domain failures of the user routes as RFC 9457 problem details, the self-deletion's
 * ({@code account.OwnAccountDeletion}) included, since its route is here. Ordered before
 * the shared handler, whose catch-all would otherwise answer them with 500.
 */
@RestControllerAdvice(assignableTypes = { UserApiController.class, SecondFactorAdminController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminProblems {

	private final Messages messages;

	AdminProblems(Messages messages) {
		this.messages = messages;
	}

	@ExceptionHandler({ UserNotFoundException.class, ProfileNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return Problems.of(ProblemType.NOT_FOUND, "problem.not-found.user");
	}

	@ExceptionHandler({ StaleVersionException.class, ObjectOptimisticLockingFailureException.class })
	ProblemDetail stale(RuntimeException ex) {
		return Problems.of(ProblemType.STALE_VERSION);
	}

	@ExceptionHandler(LastActiveAdminException.class)
	ProblemDetail lastAdmin(LastActiveAdminException ex) {
		return Problems.of(ProblemType.LAST_ADMIN, "problem.last-admin.promote");
	}

	@ExceptionHandler({ AdminActionRefusedException.class, OwnAccountDeletion.Refused.class })
	ProblemDetail refused(RuntimeException ex) {
		return Problems.of(ProblemType.OWN_ACCOUNT, ex.getMessage());
	}

	@ExceptionHandler(OwnAccountDeletion.WrongPassword.class)
	ProblemDetail wrongPassword(OwnAccountDeletion.WrongPassword ex) {
		return Problems.withErrors(ProblemType.VALIDATION, ex.getMessage(), ex.errors());
	}

	@ExceptionHandler(DuplicateUserException.class)
	ProblemDetail duplicate(DuplicateUserException ex) {
		ProblemType type = "username".equals(ex.getField()) ? ProblemType.USERNAME_TAKEN : ProblemType.EMAIL_TAKEN;
		return Problems.withErrors(type, type.defaultDetail(), Map.of(ex.getField(), "validation.taken"));
	}

	@ExceptionHandler(InvalidAccountException.class)
	ProblemDetail invalidAccount(InvalidAccountException ex) {
		return Problems.withErrors(ProblemType.VALIDATION, ProblemType.VALIDATION.defaultDetail(), ex.errors());
	}

	@ExceptionHandler(Invitations.NotInvitedException.class)
	ProblemDetail notInvited(Invitations.NotInvitedException ex) {
		return Problems.of(ProblemType.NOT_INVITED);
	}

	/**
	 * A user's own address change over {@code roster.mail.per-account-per-hour}: nothing
	 * was saved. The wait is at most the hour.
	 */
	@ExceptionHandler(MailLimitException.class)
	ResponseEntity<ProblemDetail> mailLimit(MailLimitException ex) {
		return ResponseEntity.status(ProblemType.TOO_MANY_REQUESTS.status())
			.header(HttpHeaders.RETRY_AFTER, "3600")
			.body(Problems.of(ProblemType.TOO_MANY_REQUESTS, this.messages.get("mailLimit.text", ex.limit())));
	}

	@ExceptionHandler(VersionRequiredException.class)
	ProblemDetail versionRequired(VersionRequiredException ex) {
		return Problems.of(ProblemType.VERSION_REQUIRED);
	}

	@ExceptionHandler(InvalidFieldsException.class)
	ProblemDetail invalid(InvalidFieldsException ex) {
		return Problems.withErrors(ProblemType.VALIDATION, ex.getMessage(), ex.errors());
	}

	@ExceptionHandler(BadQueryException.class)
	ProblemDetail badQuery(BadQueryException ex) {
		String reason = this.messages.get(ex);
		return Problems.withErrors(ProblemType.INVALID_QUERY,
				this.messages.get("problem.invalid-query.field", ex.field(), reason), Map.of(ex.field(), reason));
	}

}
