package org.roster.account;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.user.UserService;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Ends a sign-in that raced a change of the account. A suspension, deletion, role or
 * password change revokes the user's stored sessions after it commits; a sign-in whose
 * password check came just before that commit would store its session after the
 * revocation and keep the old status or role for hours. So the sign-in is recorded only
 * after its session is stored, with an update conditioned on what the check saw: either
 * the update sees the change (and the new session is deleted at once), or the change
 * commits after it and its revocation finds the stored session.
 */
final class SignInConfirmation implements AuthenticationSuccessHandler {

	private static final Log logger = LogFactory.getLog(SignInConfirmation.class);

	private final AuthenticationSuccessHandler redirect;

	private final UserService users;

	SignInConfirmation(AuthenticationSuccessHandler redirect, UserService users) {
		this.redirect = redirect;
		this.users = users;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		// Committing the redirect makes Spring Session store the session first.
		this.redirect.onAuthenticationSuccess(request, response, authentication);
		if (authentication instanceof PasswordSignIn signIn && this.users.recordSuccessfulLogin(signIn.principal().id(),
				signIn.principal().role(), signIn.checkedHash())) {
			return;
		}
		logger.info("A sign-in of user id " + userId(authentication) + " raced a change of the account and was ended");
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	private static Object userId(Authentication authentication) {
		return (authentication.getPrincipal() instanceof RosterPrincipal principal) ? principal.id() : "?";
	}

}
