package org.roster.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Writes RFC 9457 problem details from filters and security handlers, where no controller
 * advice runs; and tells HTML page requests from API calls.
 */
@Component
public class ProblemResponses {

	private final JsonMapper json;

	private final ProblemTexts texts;

	private final LocaleResolver locales;

	ProblemResponses(JsonMapper json, ProblemTexts texts, LocaleResolver locales) {
		this.json = json;
		this.texts = texts;
		this.locales = locales;
	}

	public void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
			throws IOException {
		ProblemDetail problem = Problems.of(type, detail);
		problem.setInstance(URI.create(request.getRequestURI()));
		// Filters run before the DispatcherServlet has set the request's locale.
		this.texts.localize(problem, this.locales.resolveLocale(request));
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		this.json.writeValue(response.getOutputStream(), problem);
	}

	/**
	 * A browser navigating to a page (or posting a form) gets HTML; scripts calling JSON
	 * routes get problem details. Decided by what the client accepts and sends.
	 */
	public static boolean wantsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		String contentType = request.getContentType();
		if (contentType != null && contentType.startsWith(MediaType.APPLICATION_JSON_VALUE)) {
			return false;
		}
		return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

}
