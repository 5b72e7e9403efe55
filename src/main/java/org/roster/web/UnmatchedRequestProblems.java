package org.roster.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests that match no route (an unknown address, a method or content type the address
 * does not take) have no controller whose advice could answer, so this global one does:
 * problem details for scripts, while browsers keep the error pages (rethrown, Spring MVC
 * then sends the status to {@code /error}).
 */
@RestControllerAdvice
class UnmatchedRequestProblems {

	private final MessageSource messages;

	UnmatchedRequestProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler({ NoResourceFoundException.class, NoHandlerFoundException.class,
			HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class,
			HttpMediaTypeNotAcceptableException.class })
	ResponseEntity<ProblemDetail> unmatched(Exception ex, HttpServletRequest request) throws Exception {
		if (ProblemResponses.wantsHtml(request) || !(ex instanceof ErrorResponse response)) {
			throw ex;
		}
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(Problems.forErrorResponse(response, this.messages));
	}

}
