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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;
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
@Component
final class SignInConfirmation implements AuthenticationSuccessHandler {

	private static final Log logger = LogFactory.getLog(SignInConfirmation.class);

	/**
	 * Request attribute: the {@code link} field of a password sign-in that finishes on
	 * the code page, whose own form has none.
	 */
	static final String LINK_REQUESTED = "roster.linkRequested";

	private final AuthenticationSuccessHandler redirect;

	private final UserService users;

	private final LocaleResolver locales;

	private final ExternalSignIns externalSignIns;

	private final RecentSignIn recentSignIn;

	private final SignInRecords records;

	@Autowired
	SignInConfirmation(UserService users, LocaleResolver locales, ExternalSignIns externalSignIns,
			RecentSignIn recentSignIn, SignInRecords records) {
		this(SecurityConfig.signInRedirect(), users, locales, externalSignIns, recentSignIn, records);
	}

	private SignInConfirmation(AuthenticationSuccessHandler redirect, UserService users, LocaleResolver locales,
			ExternalSignIns externalSignIns, RecentSignIn recentSignIn, SignInRecords records) {
		this.redirect = redirect;
		this.records = records;
		this.users = users;
		this.locales = locales;
		this.externalSignIns = externalSignIns;
		this.recentSignIn = recentSignIn;
	}

	/** The same confirmation with another answer (a passkey sign-in's JSON). */
	SignInConfirmation withRedirect(AuthenticationSuccessHandler redirect) {
		return new SignInConfirmation(redirect, this.users, this.locales, this.externalSignIns, this.recentSignIn,
				this.records);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (authentication instanceof PasswordSignIn signIn) {
			// Before the redirect, so that the page it leads to can say how it went.
			completePendingLink(request, signIn.principal());
		}
		// What "Where you're signed in" shows, stored with the session by the redirect.
		SignInDevice.record(request);
		// Committing the redirect makes Spring Session store the session first.
		this.redirect.onAuthenticationSuccess(request, response, authentication);
		confirm(request, authentication);
	}

	/**
	 * Records a sign-in whose session is stored already (its response committed), or ends
	 * the session if the account changed since the sign-in checked it.
	 * @return whether the sign-in stands
	 */
	boolean confirm(HttpServletRequest request, Authentication authentication) {
		if (authentication instanceof RecordedSignIn signIn && this.records.record(signIn)) {
			recordLanguage(request, signIn);
			HttpSession session = request.getSession(false);
			if (session != null) {
				this.recentSignIn.record(session);
			}
			return true;
		}
		logger.info("A sign-in of user id " + userId(authentication) + " raced a change of the account and was ended");
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		return false;
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
		String link = (request.getAttribute(LINK_REQUESTED) instanceof String carried) ? carried
				: request.getParameter(ExternalSignIns.LINK_PARAMETER);
		if (session == null || !(session.getAttribute(ExternalSignIns.PENDING) instanceof PendingSignIn pending)
				|| !pending.account().registrationId().equals(link)) {
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
