package org.roster.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for every JSON route, whatever its feature: Spring MVC's own
 * failures (bad JSON, wrong types, missing parameters) as 4xx with a clear detail and the
 * type of their status, validation failures with {@code errors: {field: message}}, and
 * anything unexpected as a bare 500 (logged, never shown). Each feature's advice, ordered
 * first, translates that feature's own exceptions.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ApiExceptionHandler.class);

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.putIfAbsent(error.getField(), error.getDefaultMessage());
		}
		return ResponseEntity.badRequest()
			.body(Problems.withErrors(ProblemType.VALIDATION, ProblemType.VALIDATION.defaultDetail(), errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return ResponseEntity.badRequest().body(Problems.of(ProblemType.BAD_REQUEST, "problem.bad-request.json"));
	}

	/** Every other exception Spring MVC knows: its status, the type of that status. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			log.error("Request failed in Spring MVC", ex);
		}
		ProblemDetail problem;
		if (body instanceof ProblemDetail given) {
			problem = Problems.forStatus(statusCode, given.getDetail());
		}
		else if (ex instanceof ErrorResponse response && getMessageSource() != null) {
			problem = Problems.forErrorResponse(response, getMessageSource());
		}
		else {
			problem = Problems.forStatus(statusCode, null);
		}
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ProblemDetail constraintViolation(ConstraintViolationException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.getConstraintViolations()
			.forEach((violation) -> errors.putIfAbsent(violation.getPropertyPath().toString(), violation.getMessage()));
		return Problems.withErrors(ProblemType.VALIDATION, "problem.validation.values", errors);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex;
		}
		log.error("Unexpected failure", ex);
		return Problems.of(ProblemType.SERVER_ERROR);
	}

}
