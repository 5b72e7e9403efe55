package org.roster.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.roster.web.ProblemResponses;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.savedrequest.CookieRequestCache;

/**
 * The page to return to after signing in, in a cookie (never in a stored session), for
 * page visits only: a script's JSON call is not worth returning to.
 * <p>
 * A later visit of the same page before signing in must not be answered as the saved
 * request: the cookie keeps only the address, so Spring Security's replacement request
 * would lose the visit's own headers ({@code Accept: text/html} among them) and the page
 * would get the 401 problem of a script instead of the redirect to the sign-in page. The
 * match only uses the cookie up; the request stays as it came.
 */
final class PageRequestCache extends CookieRequestCache {

	PageRequestCache() {
		setRequestMatcher(
				(request) -> HttpMethod.GET.matches(request.getMethod()) && ProblemResponses.wantsHtml(request));
	}

	@Override
	public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
		super.getMatchingRequest(request, response);
		return null;
	}

}
