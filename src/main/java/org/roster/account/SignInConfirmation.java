package org.roster.account;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.account.ExternalSignIns.Notice;
import org.roster.account.ExternalSignIns.PendingSignIn;
import org.roster.user.UserService;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.servlet.LocaleResolver;

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

	private final LocaleResolver locales;

	private final ExternalSignIns externalSignIns;

	private final RecentSignIn recentSignIn;

	SignInConfirmation(AuthenticationSuccessHandler redirect, UserService users, LocaleResolver locales,
			ExternalSignIns externalSignIns, RecentSignIn recentSignIn) {
		this.redirect = redirect;
		this.users = users;
		this.locales = locales;
		this.externalSignIns = externalSignIns;
		this.recentSignIn = recentSignIn;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication instanceof PasswordSignIn signIn) {
			// Before the redirect, so that the page it leads to can say how it went.
			completePendingLink(request, signIn.principal());
		}
		// Before the response is committed: the session is stored with it.
		HttpSession signedIn = request.getSession(false);
		if (signedIn != null) {
			this.recentSignIn.record(signedIn);
		}
		// Committing the redirect makes Spring Session store the session first.
		this.redirect.onAuthenticationSuccess(request, response, authentication);
		if (authentication instanceof RecordedSignIn signIn && signIn.record(this.users)) {
			recordLanguage(request, signIn);
			return;
		}
		logger.info("A sign-in of user id " + userId(authentication) + " raced a change of the account and was ended");
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	/**
	 * Mail follows the language the user last signed in with; written only when it
	 * changed, so a sign-in in the same language costs no query.
	 */
	private void recordLanguage(HttpServletRequest request, RecordedSignIn signIn) {
		String language = this.locales.resolveLocale(request).getLanguage();
		if (!language.equals(signIn.language().getLanguage())) {
			this.users.recordLanguage(signIn.principal().id(), Locale.forLanguageTag(language));
		}
	}

	/**
	 * A provider account that waited for a password (its address belongs to this account,
	 * or new accounts are not made with it) is linked now, if the sign-in came from the
	 * page that offered it; the profile says so once.
	 */
	private void completePendingLink(HttpServletRequest request, RosterPrincipal principal) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ExternalSignIns.PENDING) instanceof PendingSignIn pending)
				|| !pending.account().registrationId().equals(request.getParameter(ExternalSignIns.LINK_PARAMETER))) {
			return;
		}
		session.removeAttribute(ExternalSignIns.PENDING);
		Notice notice = this.externalSignIns.afterPasswordSignIn(pending, principal.id());
		if (notice != null) {
			session.setAttribute(ExternalSignIns.NOTICE, notice);
		}
	}

	private static Object userId(Authentication authentication) {
		return (authentication.getPrincipal() instanceof RosterPrincipal principal) ? principal.id() : "?";
	}

}
