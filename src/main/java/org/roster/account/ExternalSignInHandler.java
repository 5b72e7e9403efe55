package org.roster.account;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.roster.account.ExternalSignIns.LinkIntent;
import org.roster.account.ExternalSignIns.Notice;
import org.roster.account.ExternalSignIns.Outcome;
import org.roster.account.ExternalSignIns.Pending;
import org.roster.account.ExternalSignIns.PendingSignIn;
import org.roster.account.ExternalSignIns.Refused;
import org.roster.account.ExternalSignIns.SignIn;
import org.roster.account.ExternalUserInfo.ExternalUser;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The end of a provider's round trip. Spring Security has checked the state, the code,
 * the ID token's signature and nonce and read the person's details; this turns them into
 * a Roster sign-in (with the checks of a password's: suspension, lockout, an unconfirmed
 * address when confirmation is required), a link for the signed-in user who asked for
 * one, or a question for the person ({@code /login/external}). The provider's tokens are
 * not kept.
 */
@Component
class ExternalSignInHandler implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(ExternalSignInHandler.class);

	static final String LOCKED = "login.locked.external";

	static final String FAILED = "login.external.failed";

	private final ExternalSignIns signIns;

	private final LocaleResolver locales;

	private final SecurityContextRepository contexts;

	private final EmailVerification verification;

	private final ResendProof resendProof;

	private final SignInConfirmation confirmation;

	private final ExternalProviders providers;

	ExternalSignInHandler(ExternalSignIns signIns, UserService users, LocaleResolver locales,
			SecurityContextRepository contexts, EmailVerification verification, ResendProof resendProof,
			ExternalProviders providers, RecentSignIn recentSignIn) {
		this.signIns = signIns;
		this.providers = providers;
		this.locales = locales;
		this.contexts = contexts;
		this.verification = verification;
		this.resendProof = resendProof;
		this.confirmation = new SignInConfirmation(SecurityConfig.signInRedirect(), users, locales, signIns,
				recentSignIn);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		if (!(authentication.getPrincipal() instanceof ExternalUser external)) {
			throw new IllegalStateException("Not a provider's sign-in: " + authentication.getClass().getName());
		}
		HttpSession session = request.getSession();
		LinkIntent intent = (session.getAttribute(ExternalSignIns.LINK_INTENT) instanceof LinkIntent found) ? found
				: null;
		session.removeAttribute(ExternalSignIns.LINK_INTENT);
		Outcome outcome = this.signIns.decide(external.account(), intent, this.locales.resolveLocale(request));
		if (outcome instanceof SignIn signIn) {
			signIn(request, response, signIn.user(), signIn.notice());
		}
		else if (outcome instanceof Pending pending) {
			signOut(request, response);
			request.getSession()
				.setAttribute(ExternalSignIns.PENDING, new PendingSignIn(pending.account(), pending.reason()));
			response.sendRedirect(request.getContextPath() + ExternalSignInController.PENDING_PATH);
		}
		else if (outcome instanceof Refused refused) {
			refuse(request, response, refused.messageKey(), null);
		}
	}

	/**
	 * Signs the user in as a password would, after the same checks, or shows the sign-in
	 * page with the reason why not.
	 */
	void signIn(HttpServletRequest request, HttpServletResponse response, User user, @Nullable Notice notice)
			throws IOException, ServletException {
		if (!user.isActive()) {
			refuse(request, response, LoginAuthenticationProvider.SUSPENDED, null);
			return;
		}
		if (user.isLockedAt(Instant.now())) {
			refuse(request, response, LOCKED, null);
			return;
		}
		if (this.verification.isRequired() && !user.isEmailVerified()) {
			refuse(request, response, LoginAuthenticationProvider.UNVERIFIED, this.resendProof.issue(user));
			return;
		}
		// The factor (with its time) is what an ID token's auth_time is read from.
		ExternalSignIn signIn = new ExternalSignIn(RosterPrincipal.of(user), user.getLanguage(),
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()),
						FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY)
							.issuedAt(Instant.now())
							.build()));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signIn);
		SecurityContextHolder.setContext(context);
		HttpSession session = request.getSession();
		// A new session id for the signed-in session, as for a password sign-in.
		request.changeSessionId();
		session.removeAttribute(ExternalSignIns.PENDING);
		if (notice != null) {
			session.setAttribute(ExternalSignIns.NOTICE, notice);
		}
		this.contexts.saveContext(context, request, response);
		this.confirmation.onAuthenticationSuccess(request, response, signIn);
	}

	/**
	 * The provider's answer was refused (state or nonce mismatch, an error from the
	 * provider, a cancelled sign-in): back to the page the person came from.
	 */
	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: exception.getClass().getSimpleName();
		logger.info("A sign-in through a provider failed: " + code);
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ExternalSignIns.LINK_INTENT) instanceof LinkIntent intent) {
			// The user is still signed in: the failed link is only a notice on the
			// profile.
			session.removeAttribute(ExternalSignIns.LINK_INTENT);
			session.setAttribute(ExternalSignIns.NOTICE, new Notice("account.external.notice.failed",
					this.providers.nameOf(intent.registrationId()), false));
			response.sendRedirect(request.getContextPath() + "/profile");
			return;
		}
		refuse(request, response, FAILED, null);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String messageKey,
			@Nullable String proof) throws IOException, ServletException {
		signOut(request, response);
		request.setAttribute(LoginController.FAILURE, messageKey);
		if (proof != null) {
			request.setAttribute(LoginController.RESEND_PROOF, proof);
		}
		request.getRequestDispatcher(LoginController.FAILED).forward(request, response);
	}

	/** The provider's authentication never stays in the session. */
	private void signOut(HttpServletRequest request, HttpServletResponse response) {
		SecurityContext empty = SecurityContextHolder.createEmptyContext();
		SecurityContextHolder.setContext(empty);
		this.contexts.saveContext(empty, request, response);
	}

}
