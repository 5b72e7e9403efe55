package org.roster.token;

import java.util.Arrays;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.roster.web.ProblemResponses;
import org.roster.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Where a token may go, before the session's URL rules decide who may: only the JSON
 * routes listed here, never a page, and with scope {@code read} only GET and HEAD. A list
 * of what is allowed rather than of what is not, so a route added later (a second factor,
 * a sign-in method) takes no token until it is listed. Left out on purpose: the token
 * routes (a token makes no tokens), the password, email-check and self-service forms,
 * sign-in, registration, {@code /logout} and the mailed links' pages.
 */
final class TokenRoutes {

	/**
	 * The JSON routes a token may call (any method: Spring MVC answers 405 for a method a
	 * route does not take). {@code /error} is where the container forwards a failure.
	 */
	static final String[] JSON_ROUTES = { "/user_list", "/edit_user", "/users", "/users/*/invitation",
			"/users/*/password-reset", "/users/*/email-verification", "/update_status", "/unlock_user", "/delete_user",
			"/users/*/image", "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/v3/api-docs",
			"/activity", "/dashboard", "/error" };

	private static final RequestMatcher ALLOWED = new OrRequestMatcher(Arrays.stream(JSON_ROUTES)
		.map(PathPatternRequestMatcher::pathPattern)
		.map(RequestMatcher.class::cast)
		.toList());

	private TokenRoutes() {
	}

	/**
	 * The requests of the token chain: {@code Authorization: Bearer …}, the scheme in any
	 * case (RFC 6750).
	 */
	static boolean carriesBearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.length() > 7
				&& authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
	}

	static void restrict(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers(ProblemResponses::wantsHtml)
			.access(refuse(ProblemType.TOKEN_REFUSED, "problem.token-refused.page"))
			.requestMatchers(new NegatedRequestMatcher(ALLOWED))
			.access(refuse(ProblemType.TOKEN_REFUSED, "problem.token-refused.route"))
			.requestMatchers(TokenRoutes::writesWithReadScope)
			.access(refuse(ProblemType.INSUFFICIENT_SCOPE, "problem.insufficient-scope.read"));
	}

	/**
	 * A change asked for by a token of scope {@code read}. Read from the security
	 * context, which the bearer filter has filled by the time requests are authorised:
	 * the first rule that matches decides, so the scope must narrow the rules that follow
	 * without deciding for them.
	 */
	private static boolean writesWithReadScope(HttpServletRequest request) {
		if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
			return false;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return !(authentication instanceof TokenAuthentication token) || token.scope() != TokenScope.WRITE;
	}

	private static AuthorizationManager<RequestAuthorizationContext> refuse(ProblemType type, String detail) {
		return (authentication, context) -> new TokenRefusal(type, detail);
	}

}
