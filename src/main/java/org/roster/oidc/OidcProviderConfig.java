package org.roster.oidc;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.roster.account.AuthenticationMethods;
import org.roster.account.RosterPrincipal;
import org.roster.account.SignInPages;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.PublicUrl;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.jackson.OAuth2AuthorizationServerJacksonModule;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenClaimsContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The OpenID Connect provider's filter chain, before every other: it serves only the
 * protocol's endpoints (discovery, JWKS, authorize, token, userinfo, introspection,
 * revocation, logout) and reads the signed-in user from the same session as the site, so
 * an authorization request sends an anonymous visitor to Roster's own sign-in page (with
 * its lockout and throttle) and continues after it.
 */
@Configuration(proxyBeanMethods = false)
class OidcProviderConfig {

	private static final RequestMatcher AUTHORIZE = PathPatternRequestMatcher.withDefaults()
		.matcher(AuthorizationServerSettings.builder().build().getAuthorizationEndpoint());

	@Bean
	@Order(0)
	SecurityFilterChain oidcProviderChain(HttpSecurity http, SecurityContextRepository contexts, UserService users,
			RosterClaims claims, JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations,
			PasswordEncoder passwordEncoder, ApplicationOrigins origins) throws Exception {
		// Userinfo takes both kinds of access token: a JWT (checked by its signature,
		// then
		// against its grant) and an opaque reference (looked up in the grants).
		AuthenticationManager bearerTokens = new ProviderManager(new JwtAuthenticationProvider(jwtDecoder),
				new OpaqueTokenAuthenticationProvider(new ReferenceTokens(authorizations)));
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), origins.preflights()))
			.with(server, (provider) -> provider
				.authorizationEndpoint((authorize) -> authorize.consentPage(ConsentController.PATH))
				.clientAuthentication((clients) -> clients.authenticationProviders((providers) -> providers.stream()
					.filter(ClientSecretAuthenticationProvider.class::isInstance)
					.forEach((secrets) -> ((ClientSecretAuthenticationProvider) secrets)
						.setPasswordEncoder(new ClientSecrets(passwordEncoder)))))
				.tokenIntrospectionEndpoint((introspection) -> introspection
					.authenticationProviders((providers) -> providers.replaceAll(ClientBoundIntrospection::new)))
				.oidc((oidc) -> oidc.userInfoEndpoint(
						(userInfo) -> userInfo.userInfoMapper((context) -> userInfo(context, users, claims))
							.errorResponseHandler(new UserInfoErrors()))))
			// The authorization check runs before the authorization endpoint: a silent
			// request (prompt=none) must reach the endpoint, which answers the
			// application
			// login_required at its registered address, instead of the sign-in page.
			.authorizeHttpRequests((requests) -> requests.requestMatchers(OidcProviderConfig::isSilentAuthorization)
				.permitAll()
				.anyRequest()
				.authenticated())
			.cors((cors) -> cors.configurationSource(origins))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
			.securityContext((context) -> context.securityContextRepository(contexts))
			.requestCache((cache) -> cache.requestCache(SignInPages.requestCache()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(SignInPages.loginPage(),
					new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.authenticationManager(bearerTokens)));
		return http.build();
	}

	private static boolean isSilentAuthorization(HttpServletRequest request) {
		String prompt = request.getParameter("prompt");
		return AUTHORIZE.matches(request) && prompt != null && List.of(prompt.split(" ")).contains("none");
	}

	@Bean
	JwtDecoder oidcProviderJwtDecoder(SigningKeys keys) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(PublicUrl publicUrl) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		// Without a configured public address the issuer follows the request's host.
		if (!publicUrl.isDefault()) {
			settings.issuer(publicUrl.toString());
		}
		return settings.build();
	}

	@Bean
	EnabledClients registeredClientRepository(JdbcTemplate jdbc) {
		return new EnabledClients(new JdbcRegisteredClientRepository(jdbc), JdbcClient.create(jdbc));
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		JdbcOAuth2AuthorizationService store = new JdbcOAuth2AuthorizationService(jdbc, clients);
		JsonMapper json = JsonMapper.builder()
			.addModules(SecurityJacksonModules.getModules(OidcProviderConfig.class.getClassLoader(),
					// Roster's principal, and updated_at (seconds) among the stored
					// claims.
					BasicPolymorphicTypeValidator.builder()
						.allowIfSubType(RosterPrincipal.class)
						.allowIfSubType(Long.class)))
			.addModule(new OAuth2AuthorizationServerJacksonModule())
			.build();
		store.setAuthorizationRowMapper(new RememberedAuthorizations(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, json)));
		store.setAuthorizationParametersMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(json));
		return new HashedAuthorizations(store, JdbcClient.create(jdbc));
	}

	@Bean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	/**
	 * ID tokens carry the claims of the granted scopes and live as long as the client's
	 * setting says, access tokens the subject and the roles; both name the signing key,
	 * and neither is made for a user who is gone or suspended.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(SigningKeys keys, UserService users, RosterClaims claims) {
		return (context) -> {
			context.getJwsHeader().keyId(keys.current().getKeyID());
			User user = activeUser(context.getPrincipal(), users, OAuth2ErrorCodes.INVALID_GRANT);
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				claims.of(user, context.getAuthorizedScopes())
					.forEach((name, value) -> context.getClaims().claim(name, value));
				// How the user signed in (RFC 8176), from the sign-in's factors.
				List<String> methods = AuthenticationMethods.of(context.getPrincipal());
				if (!methods.isEmpty()) {
					context.getClaims().claim("amr", methods);
				}
				Duration lifetime = OidcClients.idTokenLifetime(context.getRegisteredClient());
				context.getClaims()
					.claims((all) -> all.put(JwtClaimNames.EXP, ((Instant) all.get(JwtClaimNames.IAT)).plus(lifetime)));
			}
			else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				accessTokenClaims(user, context.getAuthorizedScopes()).forEach(context.getClaims()::claim);
			}
		};
	}

	/** The claims of an opaque access token, as introspection answers them. */
	@Bean
	OAuth2TokenCustomizer<OAuth2TokenClaimsContext> referenceTokenClaims(UserService users) {
		return (context) -> {
			User user = activeUser(context.getPrincipal(), users, OAuth2ErrorCodes.INVALID_GRANT);
			accessTokenClaims(user, context.getAuthorizedScopes()).forEach(context.getClaims()::claim);
		};
	}

	private static Map<String, Object> accessTokenClaims(User user, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(JwtClaimNames.SUB, user.getPublicId());
		if (scopes.contains(RosterClaims.ROLES_SCOPE)) {
			claims.put("roles", RosterClaims.roles(user));
		}
		return claims;
	}

	private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context, UserService users,
			RosterClaims claims) {
		OAuth2Authorization authorization = context.getAuthorization();
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		// The grant is still stored, but its access token no longer speaks for anyone.
		User user = activeUser(principal, users, OAuth2ErrorCodes.INVALID_TOKEN);
		return new OidcUserInfo(claims.of(user, authorization.getAuthorizedScopes()));
	}

	/**
	 * The grant's user if still active; otherwise the error {@code errorCode}: the token
	 * endpoint's {@code invalid_grant}, or userinfo's {@code invalid_token}.
	 */
	private static User activeUser(Authentication authentication, UserService users, String errorCode) {
		if (authentication != null && authentication.getPrincipal() instanceof RosterPrincipal principal) {
			User user = users.findById(principal.id()).orElse(null);
			if (user != null && user.isActive()) {
				return user;
			}
		}
		throw new OAuth2AuthenticationException(errorCode);
	}

}
