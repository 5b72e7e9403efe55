package org.roster.account;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.roster.user.UserService;
import org.roster.web.ProblemResponses;
import org.roster.web.ProblemType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * One filter chain for pages and JSON routes. Pages redirect anonymous visitors to
 * {@code /login}; JSON callers get 401/403 problem details. CSRF stays on for every state
 * change (logout included); the CSP allows no inline script or style.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	/** The policy without providers. */
	static final String CONTENT_SECURITY_POLICY = contentSecurityPolicy(List.of());

	/**
	 * The policy; forms may also go on to these origins (the providers' authorization
	 * endpoints, where the profile's Link form is redirected).
	 */
	static String contentSecurityPolicy(List<String> formTargets) {
		String formAction = String.join(" ", Stream.concat(Stream.of("'self'"), formTargets.stream()).toList());
		return "default-src 'self'; script-src 'self'; style-src 'self'; "
				+ "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
				+ "base-uri 'self'; form-action " + formAction + "; frame-ancestors 'none'";
	}

	/** Where signed-in contexts are kept: the (database-stored) session. */
	@Bean
	SecurityContextRepository securityContextRepository() {
		return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(),
				new HttpSessionSecurityContextRepository());
	}

	/** The page to return to after signing in ({@link PageRequestCache}). */
	static CookieRequestCache requestCache() {
		return new PageRequestCache();
	}

	/**
	 * After a sign-in: the page that asked for it, else the dashboard for admins and the
	 * profile for everyone else.
	 */
	static SavedRequestAwareAuthenticationSuccessHandler signInRedirect() {
		SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler() {
			@Override
			protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
					Authentication authentication) {
				boolean admin = authentication.getPrincipal() instanceof RosterPrincipal principal
						&& principal.isAdmin();
				return admin ? "/dashboard" : super.determineTargetUrl(request, response, authentication);
			}
		};
		redirect.setDefaultTargetUrl("/profile");
		redirect.setRequestCache(requestCache());
		return redirect;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, LoginAuthenticationProvider loginProvider,
			SecurityProperties properties, ProblemResponses problems, SecurityContextRepository contexts,
			ObjectProvider<ClientRegistrationRepository> registrations, ExternalSignInHandler externalSignInHandler,
			ExternalProviders externalProviders, ApplicationEventPublisher events, ManagementScrape scrape,
			SignInConfirmation confirmation, SecondFactorGate secondFactors, UserService users,
			WebAuthnRelyingPartyOperations relyingParty, EmailVerification verification, ResendProof resendProof)
			throws Exception {
		LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
		// The chain's own manager, without a parent: the provider is also a bean, so
		// Boot's global manager has it too, and a parent would check (and count) each
		// wrong password a second time. With providers configured it also turns their
		// codes into who signed in (the tokens fetched with timeouts, never kept).
		boolean external = registrations.getIfAvailable() != null;
		List<AuthenticationProvider> providers = new ArrayList<>(List.of(loginProvider));
		if (external) {
			RestClientAuthorizationCodeTokenResponseClient tokens = ExternalUserInfo.tokenClient();
			providers.add(new OidcAuthorizationCodeAuthenticationProvider(tokens, ExternalUserInfo.openIdConnect()));
			providers.add(new OAuth2LoginAuthenticationProvider(tokens, ExternalUserInfo.gitHubStyle()));
		}
		ProviderManager manager = new ProviderManager(providers);
		// Spring's passkey configurer insists on a user details service, which Roster
		// never uses: PasskeySignInFilter gives the sign-in its own provider.
		http.setSharedObject(UserDetailsService.class, (username) -> {
			throw new UsernameNotFoundException("Passkey sign-ins do not load users by name");
		});
		// Sign-ins and their refusals as events (AccountMetrics counts them).
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
		http.authenticationManager(manager)
			.securityContext((context) -> context.securityContextRepository(contexts))
			.requestCache((cache) -> cache.requestCache(requestCache()))
			.csrf((csrf) -> csrf.csrfTokenRepository(new SessionOrCookieCsrfTokenRepository()))
			.authorizeHttpRequests((requests) -> RouteRules.apply(requests.requestMatchers(scrape)
				.permitAll()
				// Spring Security's passkey registration would skip the confirmation and
				// the notice mail: PasskeyController registers instead.
				.requestMatchers("/webauthn/register", "/webauthn/register/**")
				.denyAll()
				.requestMatchers(HttpMethod.POST, "/webauthn/authenticate/options", "/login/webauthn")
				.permitAll()))
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("username")
				.passwordParameter("password")
				.successHandler(confirmation)
				.failureHandler((request, response, ex) -> loginFailed(request, response, ex, secondFactors))
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				if (ProblemResponses.wantsHtml(request)) {
					loginPage.commence(request, response, ex);
				}
				else {
					problems.write(request, response, ProblemType.UNAUTHORIZED,
							ProblemType.UNAUTHORIZED.defaultDetail());
				}
			}).accessDeniedHandler((request, response, ex) -> denied(request, response, ex, problems)))
			.headers((headers) -> headers
				.contentSecurityPolicy(
						(csp) -> csp.policyDirectives(contentSecurityPolicy(externalProviders.authorizationOrigins())))
				.frameOptions((frame) -> frame.deny())
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			// Passkeys: sign-in with Spring Security's routes and Roster's provider; the
			// relying party (PasskeyConfig) is the application's bean.
			.webAuthn((passkeys) -> passkeys.disableDefaultRegistrationPage(true)
				.withObjectPostProcessor(new PasskeySignInFilter(
						new PasskeyAuthenticationProvider(relyingParty, users, verification, resendProof), events,
						contexts, () -> http.getSharedObject(SessionAuthenticationStrategy.class), confirmation,
						problems)))
			// Before the provider round trip's start, which stores a session.
			.addFilterBefore(new ThrottleFilter(properties.rateLimit().perMinute(), problems),
					OAuth2AuthorizationRequestRedirectFilter.class);
		if (external) {
			http.oauth2Login((login) -> login.loginPage("/login")
				// Roster needs the provider's tokens only to read who signed in.
				.authorizedClientRepository(new NoAuthorizedClients())
				.successHandler(externalSignInHandler)
				.failureHandler(externalSignInHandler));
		}
		return http.build();
	}

	/**
	 * Renders the sign-in page again in this response (with the username kept), so a
	 * failed sign-in stores nothing on the server.
	 */
	private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException ex, SecondFactorGate secondFactors) throws IOException, ServletException {
		if (ex instanceof SecondFactorRequiredException required) {
			// The right password: on to the code page, still without any authority.
			secondFactors.begin(request, response, required.signIn());
			return;
		}
		String failure = LoginAuthenticationProvider.GENERIC_FAILURE;
		if (ex instanceof DisabledException) {
			failure = LoginAuthenticationProvider.SUSPENDED;
		}
		else if (ex instanceof UnverifiedEmailException unverified) {
			failure = LoginAuthenticationProvider.UNVERIFIED;
			request.setAttribute(LoginController.RESEND_PROOF, unverified.proof());
		}
		request.setAttribute(LoginController.FAILURE, failure);
		request.getRequestDispatcher(LoginController.FAILED).forward(request, response);
	}

	private static void denied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex,
			ProblemResponses problems) throws IOException {
		if (ProblemResponses.wantsHtml(request) || HttpMethod.POST.matches(request.getMethod())
				&& request.getContentType() != null && request.getContentType().startsWith("application/x-www")) {
			response.sendError(HttpStatus.FORBIDDEN.value());
		}
		else {
			problems.write(request, response, ProblemType.FORBIDDEN, "problem.forbidden.csrf");
		}
	}

}
