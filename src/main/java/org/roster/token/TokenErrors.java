package org.roster.token;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.roster.account.SessionRequiredException;
import org.roster.web.ProblemResponses;
import org.roster.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The token chain's 401 and 403 as problem details, with the {@code WWW-Authenticate}
 * challenge of RFC 6750: {@code invalid_token} for a wrong, expired or revoked token,
 * {@code insufficient_scope} for a read token asked to write.
 */
final class TokenErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ProblemResponses problems;

	TokenErrors(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String error = "invalid_token";
		ProblemType type = ProblemType.INVALID_TOKEN;
		if (ex instanceof OAuth2AuthenticationException oauth && oauth.getError() instanceof BearerTokenError bearer
				&& bearer.getHttpStatus().value() == 400) {
			// Two tokens in one request, say.
			error = bearer.getErrorCode();
			type = ProblemType.BAD_REQUEST;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + error + "\"");
		this.problems.write(request, response, type, type.defaultDetail());
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		if (ex instanceof AuthorizationDeniedException denied
				&& denied.getAuthorizationResult() instanceof TokenRefusal refusal) {
			if (refusal.type() == ProblemType.INSUFFICIENT_SCOPE) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
						"Bearer error=\"insufficient_scope\", scope=\"write\"");
			}
			this.problems.write(request, response, refusal.type(), refusal.detail());
		}
		else if (ex instanceof SessionRequiredException) {
			this.problems.write(request, response, ProblemType.TOKEN_REFUSED, String.valueOf(ex.getMessage()));
		}
		else {
			this.problems.write(request, response, ProblemType.FORBIDDEN, ProblemType.FORBIDDEN.defaultDetail());
		}
	}

}
