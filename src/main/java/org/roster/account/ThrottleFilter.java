package org.roster.account;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.roster.web.ProblemResponses;
import org.roster.web.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every request that checks a password or a second-factor code (sign-in and its
 * code page, and the current password asked by a password change, a self-deletion or a
 * change of sign-in methods, passkeys included), asks for or uses a password-reset link,
 * or uses or asks again for another mailed link, with one bucket per client address, and
 * {@code /email_exists} with another: beyond the limit, 429 with {@code Retry-After},
 * before any password is hashed.
 */
class ThrottleFilter extends OncePerRequestFilter {

	private static final RequestMatcher PASSWORD_CHECKS = new OrRequestMatcher(
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/profile/password"),
			// The sign-in's second step, and every change of sign-in methods (a password
			// or
			// a code to check).
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SecondFactorGate.CODE_PATH),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SecondFactorGate.SETUP_PATH),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, AuthenticatorController.SETUP),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, AuthenticatorController.CONFIRM_PASSWORD),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, AuthenticatorController.REMOVE),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, AuthenticatorController.NEW_CODES),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PasskeyController.OPTIONS_PATH),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PasskeyPageController.CHANGE_PATHS),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PasswordResetController.FORGOT),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PasswordResetController.RESET),
			// Mailed links and "send the link again": guessing tokens or making mail.
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, EmailVerification.VERIFY_PATH),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, AddressLinkController.RESEND_PATH),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, EmailVerification.CONFIRM_PATH),
			// A provider round trip's start stores a session; its address form makes an
			// account and a mail.
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorization/*"),
			// So do a passkey sign-in's options.
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/webauthn/authenticate/options"),
			PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, ExternalSignInController.EMAIL_PATH),
			new AndRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.DELETE, "/delete_user"),
					ThrottleFilter::deletesOwnAccount));

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
		ClientThrottle throttle = PASSWORD_CHECKS.matches(request) ? this.logins
				: EMAIL_CHECK.matches(request) ? this.emailChecks : null;
		long wait = (throttle != null) ? throttle.secondsToWait(request.getRemoteAddr()) : 0;
		if (wait > 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
			String detail = "Too many attempts from your address. Try again in " + wait + " s.";
			// Form posts and page visits get the error page; scripts get problem details.
			if (throttle == this.logins
					&& (HttpMethod.POST.matches(request.getMethod()) || ProblemResponses.wantsHtml(request))) {
				request.setAttribute(RequestDispatcher.ERROR_MESSAGE, detail);
				response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), detail);
			}
			else {
				this.problems.write(request, response, ProblemType.TOO_MANY_REQUESTS, detail);
			}
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Only a self-deletion asks for a password; an admin deleting others is not
	 * throttled.
	 */
	private static boolean deletesOwnAccount(HttpServletRequest request) {
		RosterPrincipal principal = CurrentUser.principal();
		return principal != null && String.valueOf(principal.id()).equals(request.getParameter("id"));
	}

}
