package org.roster.token;

import org.roster.account.RouteRules;
import org.roster.web.ProblemResponses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filter chain of requests that carry {@code Authorization: Bearer …}, ordered before
 * the session chain of {@code account.SecurityConfig}. Stateless (no session read or
 * written, no saved request), no CSRF (nothing a browser sends by itself authenticates
 * here), no logout. Spring Security's resource server reads the header (never a query or
 * form parameter); the token is looked up by its hash on every request; then
 * {@link TokenRoutes} narrows the session's own URL rules.
 */
@Configuration(proxyBeanMethods = false)
class TokenSecurityConfig {

	@Bean
	@Order(1)
	SecurityFilterChain apiTokenFilterChain(HttpSecurity http, ApiTokens tokens, ProblemResponses problems)
			throws Exception {
		// Not a bean: Boot would hand every AuthenticationProvider bean to the global
		// manager, next to the password sign-in's.
		AuthenticationProvider provider = new AuthenticationProvider() {

			@Override
			public Authentication authenticate(Authentication authentication) {
				String token = ((BearerTokenAuthenticationToken) authentication).getToken();
				return tokens.authenticate(token)
					.orElseThrow(() -> new InvalidBearerTokenException("The token is wrong, expired or revoked"));
			}

			@Override
			public boolean supports(Class<?> authentication) {
				return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
			}

		};
		AuthenticationManager manager = new ProviderManager(provider);
		TokenErrors errors = new TokenErrors(problems);
		http.securityMatcher(TokenRoutes::carriesBearerToken)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.csrf((csrf) -> csrf.disable())
			.logout((logout) -> logout.disable())
			.oauth2ResourceServer((server) -> server.authenticationManagerResolver((request) -> manager)
				.bearerTokenResolver(new DefaultBearerTokenResolver())
				.authenticationEntryPoint(errors)
				.accessDeniedHandler(errors))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
			.authorizeHttpRequests((requests) -> {
				TokenRoutes.restrict(requests);
				RouteRules.apply(requests);
			});
		return http.build();
	}

}
