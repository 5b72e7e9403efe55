package org.roster.account;

import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.roster.user.UserService;
import org.roster.web.ProblemResponses;
import org.roster.web.ProblemType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Makes Spring Security's passkey sign-in ({@code POST /login/webauthn}) Roster's: its
 * own provider ({@link PasskeyAuthenticationProvider}: Roster's principal and account
 * checks), the session's context repository, a new session id and CSRF token as after a
 * password, the sign-in recorded once its session is stored ({@link SignInConfirmation}),
 * and refusals as problem details ({@code /problems/passkey-refused}) whose detail says
 * why in the visitor's language.
 */
final class PasskeySignInFilter implements ObjectPostProcessor<WebAuthnAuthenticationFilter> {

	private static final JsonMapper ANSWER = JsonMapper.builder().build();

	private final PasskeyAuthenticationProvider provider;

	private final ApplicationEventPublisher events;

	private final SecurityContextRepository contexts;

	private final Supplier<SessionAuthenticationStrategy> sessions;

	private final SignInConfirmation confirmation;

	private final ProblemResponses problems;

	PasskeySignInFilter(PasskeyAuthenticationProvider provider, ApplicationEventPublisher events,
			SecurityContextRepository contexts, Supplier<SessionAuthenticationStrategy> sessions,
			SignInConfirmation confirmation, ProblemResponses problems) {
		this.provider = provider;
		this.events = events;
		this.contexts = contexts;
		this.sessions = sessions;
		this.confirmation = confirmation.withRedirect(PasskeySignInFilter::answer);
		this.problems = problems;
	}

	@Override
	public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
		ProviderManager manager = new ProviderManager(this.provider);
		// Sign-ins and refusals as events, as for passwords (AccountMetrics counts them).
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(this.events));
		filter.setAuthenticationManager(manager);
		filter.setSecurityContextRepository(this.contexts);
		// The chain's strategy, read only now that its configurers have made it.
		filter.setSessionAuthenticationStrategy(this.sessions.get());
		filter.setAuthenticationSuccessHandler(this.confirmation);
		filter.setAuthenticationFailureHandler((request, response, ex) -> {
			String detail = PasskeyAuthenticationProvider.REFUSED;
			if (ex instanceof DisabledException) {
				detail = LoginAuthenticationProvider.SUSPENDED;
			}
			else if (ex instanceof LockedException) {
				detail = PasskeyAuthenticationProvider.LOCKED;
			}
			else if (ex instanceof UnverifiedEmailException) {
				detail = LoginAuthenticationProvider.UNVERIFIED;
			}
			this.problems.write(request, response, ProblemType.PASSKEY_REFUSED, detail);
		});
		return filter;
	}

	/**
	 * Where the script goes next, as Spring's passkey script expects it: the page that
	 * asked for the sign-in, else the profile. Writing it commits the response, which
	 * stores the session before the sign-in is recorded.
	 */
	private static void answer(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		RequestCache cache = SecurityConfig.requestCache();
		SavedRequest saved = cache.getRequest(request, response);
		String target = (saved != null) ? saved.getRedirectUrl() : request.getContextPath() + "/profile";
		cache.removeRequest(request, response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		ANSWER.writeValue(response.getOutputStream(), Map.of("authenticated", true, "redirectUrl", target));
		response.flushBuffer();
	}

}
