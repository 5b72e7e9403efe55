package org.roster.web;

import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Builds every RFC 9457 problem Roster answers with, from its {@link ProblemType}: the
 * controller advices of each feature, the shared {@code ApiExceptionHandler}, the error
 * controller and {@link ProblemResponses} (filters, security handlers) all come here, so
 * each problem has a catalogued {@code type}, its {@code title}, {@code status} and a
 * {@code detail}. A {@code detail} or {@code errors} message may be a message-bundle key
 * ({@code problem.not-found.user}): {@link ProblemTexts} puts it, and the title, into the
 * request's language when the problem is written.
 */
public final class Problems {

	private Problems() {
	}

	public static ProblemDetail of(ProblemType type) {
		return of(type, type.defaultDetail());
	}

	public static ProblemDetail of(ProblemType type, String detail) {
		return build(type, type.status(), detail);
	}

	/** A problem with one message per rejected field, as {@code errors}. */
	public static ProblemDetail withErrors(ProblemType type, String detail, Map<String, String> errors) {
		ProblemDetail problem = of(type, detail);
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * A failure known only by its status. A 5xx never takes the given detail, which may
	 * name internals: it gets the catalogue's.
	 */
	static ProblemDetail forStatus(HttpStatusCode status, String detail) {
		ProblemType type = ProblemType.forStatus(status);
		boolean shown = detail != null && !detail.isBlank() && status.is4xxClientError();
		return build(type, status, shown ? detail : type.defaultDetail());
	}

	/**
	 * A Spring MVC failure: the type of its status, and Spring's detail in the request's
	 * language (bundle keys {@code problemDetail.<exception class>}, Spring's English
	 * otherwise).
	 */
	static ProblemDetail forErrorResponse(ErrorResponse error, MessageSource messages) {
		ProblemDetail spring = error.updateAndGetBody(messages, LocaleContextHolder.getLocale());
		return forStatus(error.getStatusCode(), spring.getDetail());
	}

	private static ProblemDetail build(ProblemType type, HttpStatusCode status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type.type());
		problem.setTitle(type.title());
		return problem;
	}

}
