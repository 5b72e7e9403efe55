package org.roster.account;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.roster.web.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards login POSTs and {@code /email_exists} with one bucket each per client address:
 * beyond the limit, 429 with {@code Retry-After}, before any password is hashed.
 */
class ThrottleFilter extends OncePerRequestFilter {

	private static final RequestMatcher LOGIN = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.POST, "/login");

	private static final RequestMatcher EMAIL_CHECK = PathPatternRequestMatcher.withDefaults()
		.matcher(HttpMethod.GET, "/email_exists");

	private final ClientThrottle logins;

	private final ClientThrottle emailChecks;

	private final ProblemResponses problems;

	ThrottleFilter(int perMinute, ProblemResponses problems) {
		this.logins = new ClientThrottle(perMinute);
		this.emailChecks = new ClientThrottle(perMinute);
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ClientThrottle throttle = LOGIN.matches(request) ? this.logins
				: EMAIL_CHECK.matches(request) ? this.emailChecks : null;
		long wait = (throttle != null) ? throttle.secondsToWait(request.getRemoteAddr()) : 0;
		if (wait > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
			String detail = "Too many attempts from your address. Try again in " + wait + " s.";
			if (throttle == this.logins) {
				request.setAttribute(RequestDispatcher.ERROR_MESSAGE, detail);
				response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), detail);
			}
			else {
				this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, detail);
			}
			return;
		}
		chain.doFilter(request, response);
	}

}
