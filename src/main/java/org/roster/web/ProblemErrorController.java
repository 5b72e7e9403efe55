package org.roster.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Boot's {@code /error}, where the container sends what no advice answered (a filter's
 * {@code sendError}, an exception outside Spring MVC): pages keep Boot's error views
 * (templates/error), everyone else gets problem details instead of Boot's own JSON map,
 * with the catalogue's detail for the status and never the exception's message.
 */
class ProblemErrorController extends BasicErrorController {

	private final ProblemTexts texts;

	ProblemErrorController(ErrorAttributes errorAttributes, WebProperties web, List<ErrorViewResolver> views,
			ProblemTexts texts) {
		super(errorAttributes, web.getError(), views);
		this.texts = texts;
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		if (status == HttpStatus.NO_CONTENT) {
			return new ResponseEntity<>(status);
		}
		ProblemDetail problem = Problems.forStatus(status, null);
		this.texts.localize(problem, LocaleContextHolder.getLocale());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", problem.getType().toString());
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (path != null) {
			body.put("instance", path.toString());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
