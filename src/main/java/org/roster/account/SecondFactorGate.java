package org.roster.account;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.roster.account.SecondFactors.SecondStep;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Sha256;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.stereotype.Component;

/**
 * Between the first factor and the second. A first factor that needs a second leaves a
 * {@link HalfSignIn} in the session and nothing in its security context; the code page
 * ({@link SecondFactorController}) turns it into a full sign-in with both factors (their
 * {@link FactorGrantedAuthority}s, which the OpenID Connect provider reads for
 * {@code amr} and {@code auth_time}), recorded like any other
 * ({@link SignInConfirmation}).
 * <p>
 * Why not Spring Security 7's multi-factor support
 * ({@code @EnableMultiFactorAuthentication})? It keeps the password's authentication,
 * with the user's roles, in the context and makes every authorisation rule also require
 * the missing factor; everything else that reads the context (the {@code @access} rules,
 * the OpenID Connect provider's check that the user is signed in, the pages' own checks)
 * would see a signed-in user. And it requires the factors of every user, where here only
 * users who set one up have one. An empty context until the code is given leaves nothing
 * to forget.
 */
@Component
class SecondFactorGate {

	static final String CODE_PATH = "/login/code";

	static final String SETUP_PATH = "/login/setup";

	/** A new CSRF token for the signed-in session, as a one-step sign-in gets. */
	private final CsrfAuthenticationStrategy csrf = new CsrfAuthenticationStrategy(
			new SessionOrCookieCsrfTokenRepository());

	private final SecondFactors secondFactors;

	private final UserService users;

	private final SecurityContextRepository contexts;

	private final SignInConfirmation confirmation;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SecondFactorGate(SecondFactors secondFactors, UserService users, SecurityContextRepository contexts,
			SignInConfirmation confirmation, ApplicationEventPublisher events, Clock clock) {
		this.secondFactors = secondFactors;
		this.users = users;
		this.contexts = contexts;
		this.confirmation = confirmation;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * For a user who just passed {@code firstFactor}: the sign-in that waits for the
	 * second factor, or null when none is needed.
	 */
	@Nullable HalfSignIn halfSignIn(User user, String firstFactor, @Nullable String checkedHash) {
		SecondStep step = this.secondFactors.secondStep(user);
		if (step == SecondStep.NONE) {
			return null;
		}
		return new HalfSignIn(RosterPrincipal.of(user), firstFactor, this.clock.instant(),
				(checkedHash != null) ? Sha256.hex(checkedHash) : null, user.getLanguage(), step == SecondStep.SET_UP,
				null);
	}

	/**
	 * Keeps the half sign-in in a session with a new id (the visitor's earlier id, if
	 * any, is worth nothing now) and sends the browser to the code or set-up page.
	 */
	void begin(HttpServletRequest request, HttpServletResponse response, HalfSignIn half) throws IOException {
		HttpSession session = request.getSession();
		request.changeSessionId();
		session.setAttribute(HalfSignIn.ATTRIBUTE,
				half.withLinkRequested(request.getParameter(ExternalSignIns.LINK_PARAMETER)));
		AuthenticatorSetUp.forget(session);
		response.sendRedirect(request.getContextPath() + (half.setUpRequired() ? SETUP_PATH : CODE_PATH));
	}

	/** The session's half sign-in, unless it has expired (then it is dropped). */
	@Nullable HalfSignIn current(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(HalfSignIn.ATTRIBUTE) instanceof HalfSignIn half)) {
			return null;
		}
		if (half.isExpiredAt(this.clock.instant())) {
			session.removeAttribute(HalfSignIn.ATTRIBUTE);
			AuthenticatorSetUp.forget(session);
			return null;
		}
		return half;
	}

	/**
	 * The full sign-in of a half one whose second factor was just given, or null when the
	 * account changed since the first factor (its password, its role) or is gone.
	 */
	@Nullable Authentication complete(HalfSignIn half, String secondFactor) {
		User user = this.users.findById(half.principal().id()).orElse(null);
		if (user == null || user.getRole() != half.principal().role() || (half.checkedHashSha256() != null
				&& !half.checkedHashSha256().equals(Sha256.hex(user.getPasswordHash())))) {
			return null;
		}
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()));
		authorities
			.add(FactorGrantedAuthority.withAuthority(half.firstFactor()).issuedAt(half.firstFactorAt()).build());
		authorities.add(FactorGrantedAuthority.withAuthority(secondFactor).issuedAt(this.clock.instant()).build());
		// The recorded sign-in is conditioned on the hash read just now (and the role),
		// as a one-step sign-in is on the one it checked.
		return FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(half.firstFactor())
				? new PasswordSignIn(half.principal(), user.getPasswordHash(), half.language(), authorities)
				: new ExternalSignIn(half.principal(), half.language(), authorities);
	}

	/**
	 * Makes {@code signedIn} the session's: a new id, a new CSRF token, the context
	 * stored. The caller then commits the response and calls
	 * {@link SignInConfirmation#confirm}, or lets {@link #redirect} do both.
	 */
	void store(HttpServletRequest request, HttpServletResponse response, Authentication signedIn) {
		HttpSession session = request.getSession();
		session.removeAttribute(HalfSignIn.ATTRIBUTE);
		AuthenticatorSetUp.forget(session);
		request.changeSessionId();
		this.csrf.onAuthentication(signedIn, request, response);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signedIn);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		this.events.publishEvent(new AuthenticationSuccessEvent(signedIn));
	}

	/**
	 * {@link #store}, then on to the page that asked for the sign-in (or the profile); a
	 * provider account waiting to be linked by this sign-in is linked now.
	 */
	void redirect(HttpServletRequest request, HttpServletResponse response, HalfSignIn half, Authentication signedIn)
			throws IOException, ServletException {
		if (half.linkRequested() != null) {
			request.setAttribute(SignInConfirmation.LINK_REQUESTED, half.linkRequested());
		}
		store(request, response, signedIn);
		this.confirmation.onAuthenticationSuccess(request, response, signedIn);
	}

	boolean confirm(HttpServletRequest request, Authentication signedIn) {
		return this.confirmation.confirm(request, signedIn);
	}

}
