package org.roster.oidc;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The userinfo endpoint's refusals as a protected resource answers them (OpenID Connect
 * Core 5.3.3, RFC 6750 section 3): 401 with a {@code WWW-Authenticate: Bearer
 * error="invalid_token"} challenge for a token that no longer works (its grant ended, its
 * user suspended), 403 for one without {@code openid}. Spring Authorization Server's own
 * handler sends only a JSON body, which strict clients such as openid-client do not read
 * for userinfo: they could only report an unexpected status.
 */
class UserInfoErrors implements AuthenticationFailureHandler {

	private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		this.challenge.commence(request, response, new OAuth2AuthenticationException(bearerError(exception)));
	}

	private static BearerTokenError bearerError(AuthenticationException exception) {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: OAuth2ErrorCodes.INVALID_TOKEN;
		if (OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(code)) {
			return BearerTokenErrors.insufficientScope("The access token was not granted the openid scope", "openid");
		}
		if (OAuth2ErrorCodes.INVALID_REQUEST.equals(code)) {
			return BearerTokenErrors.invalidRequest("The userinfo request is malformed");
		}
		return BearerTokenErrors.invalidToken("The access token is no longer valid");
	}

}
