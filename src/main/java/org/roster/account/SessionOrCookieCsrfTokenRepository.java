package org.roster.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Keeps the CSRF token in the session once there is one (a signed-in user), and in a
 * cookie before that. Anonymous visitors of the sign-in and registration pages then store
 * nothing on the server: a stored session per page view would let any crawler grow the
 * session table for hours. The cookie token (double submit) protects the anonymous forms;
 * signed-in requests only accept the session's own token, so a token planted in a cookie
 * never authorises a change in someone's session.
 */
final class SessionOrCookieCsrfTokenRepository implements CsrfTokenRepository {

	static final String COOKIE_NAME = "ROSTER_CSRF";

	private static final String HEADER_NAME = "X-CSRF-TOKEN";

	private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();

	private final CookieCsrfTokenRepository cookie = new CookieCsrfTokenRepository();

	SessionOrCookieCsrfTokenRepository() {
		this.cookie.setCookieName(COOKIE_NAME);
		this.cookie.setCookiePath("/");
		// The same header for both, so scripts need not care which one issued the token.
		this.session.setHeaderName(HEADER_NAME);
		this.cookie.setHeaderName(HEADER_NAME);
		// Scripts read the token from the page's meta tags, never from the cookie.
		this.cookie.setCookieCustomizer((cookie) -> cookie.httpOnly(true).sameSite("Lax"));
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		return this.session.generateToken(request);
	}

	@Override
	public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token == null) {
			// Signing in or out: neither token survives.
			this.session.saveToken(null, request, response);
			if (request.getCookies() != null && this.cookie.loadToken(request) != null) {
				this.cookie.saveToken(null, request, response);
			}
		}
		else if (hasSession(request)) {
			this.session.saveToken(token, request, response);
		}
		else {
			this.cookie.saveToken(token, request, response);
		}
	}

	/**
	 * The session's token; an anonymous session without one of its own (made by a passkey
	 * ceremony's options after the page's cookie token was issued) still takes the
	 * cookie's, or the page that started it could post nothing more. A signed-in session
	 * never does.
	 */
	@Override
	public CsrfToken loadToken(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return this.cookie.loadToken(request);
		}
		CsrfToken own = this.session.loadToken(request);
		if (own != null
				|| session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null) {
			return own;
		}
		return this.cookie.loadToken(request);
	}

	private static boolean hasSession(HttpServletRequest request) {
		return request.getSession(false) != null;
	}

}
