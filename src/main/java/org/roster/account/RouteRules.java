package org.roster.account;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The URL rules of docs/API.md, Routes: which routes anyone may call, which only admins,
 * and that everything else needs a signed-in user. One list for every filter chain that
 * authorises requests (the session chain of {@link SecurityConfig} and the API tokens'
 * chain), so a route's rule cannot differ with the way its caller signed in. A chain may
 * add narrower rules before these; the last one here matches any request.
 */
public final class RouteRules {

	private RouteRules() {
	}

	public static void apply(
			AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
		requests.requestMatchers("/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error")
			.permitAll()
			.requestMatchers("/login", "/pictures/*", LoginController.FAILED, "/register", "/email_exists",
					"/actuator/health", PasswordResetController.FORGOT, PasswordResetController.RESET,
					ExternalSignInController.PENDING_PATH, ExternalSignInController.EMAIL_PATH,
					ExternalSignInController.CANCEL_PATH)
			.permitAll()
			// The sign-in's second step: its session has no authority yet (HalfSignIn);
			// the pages check for the half sign-in themselves.
			.requestMatchers(SecondFactorGate.CODE_PATH, SecondFactorGate.SETUP_PATH)
			.permitAll()
			// Mailed links open in any browser, signed in or not; the resend checks
			// the session or the refused sign-in's proof itself.
			.requestMatchers(EmailVerification.VERIFY_PATH, AddressLinkController.RESEND_PATH,
					EmailVerification.CONFIRM_PATH)
			.permitAll()
			.requestMatchers("/user_list", "/update_status", "/unlock_user", "/users/*/invitation",
					"/users/*/password-reset", "/users/*/email-verification", "/users/*/second-factors")
			.hasRole("ADMIN")
			// Not /users/**: a user uploads their own avatar at /users/{id}/image.
			.requestMatchers(HttpMethod.POST, "/users")
			.hasRole("ADMIN")
			.requestMatchers("/activity", "/dashboard", "/actuator/**", "/applications", "/applications/**",
					"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated();
	}

}
