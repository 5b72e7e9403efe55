package org.roster.oidc;

import java.security.Principal;
import java.util.Set;

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
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.jackson.SecurityJacksonModules;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.jackson.OAuth2AuthorizationServerJacksonModule;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The OpenID Connect provider's filter chain, before every other: it serves only the
 * protocol's endpoints (discovery, JWKS, authorize, token, userinfo, introspection,
 * revocation, logout) and reads the signed-in user from the same session as the site, so
 * an authorization request sends an anonymous visitor to Roster's own sign-in page (with
 * its lockout and throttle) and continues after it.
 */
@Configuration(proxyBeanMethods = false)
class OidcProviderConfig {

	@Bean
	@Order(0)
	SecurityFilterChain oidcProviderChain(HttpSecurity http, SecurityContextRepository contexts, UserService users,
			RosterClaims claims, ApplicationOrigins origins) throws Exception {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), origins.preflights()))
			.with(server,
					(provider) -> provider
						.authorizationEndpoint((authorize) -> authorize.consentPage(ConsentController.PATH))
						.tokenIntrospectionEndpoint((introspection) -> introspection.authenticationProviders(
								(providers) -> providers.replaceAll(ClientBoundIntrospection::new)))
						.oidc((oidc) -> oidc.userInfoEndpoint(
								(userInfo) -> userInfo.userInfoMapper((context) -> userInfo(context, users, claims)))))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.cors((cors) -> cors.configurationSource(origins))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()))
			.securityContext((context) -> context.securityContextRepository(contexts))
			.requestCache((cache) -> cache.requestCache(SignInPages.requestCache()))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(SignInPages.loginPage(),
					new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		return http.build();
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
	RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
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
		store.setAuthorizationRowMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, json));
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
	 * ID tokens carry the claims of the granted scopes, access tokens the subject and the
	 * roles; both name the signing key, and neither is made for a user who is gone or
	 * suspended.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(SigningKeys keys, UserService users, RosterClaims claims) {
		return (context) -> {
			context.getJwsHeader().keyId(keys.current().getKeyID());
			User user = activeUser(context.getPrincipal(), users);
			Set<String> scopes = context.getAuthorizedScopes();
			if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				claims.of(user, scopes).forEach((name, value) -> context.getClaims().claim(name, value));
			}
			else if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				context.getClaims().subject(user.getPublicId());
				if (scopes.contains(RosterClaims.ROLES_SCOPE)) {
					context.getClaims().claim("roles", RosterClaims.roles(user));
				}
			}
		};
	}

	private static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context, UserService users,
			RosterClaims claims) {
		OAuth2Authorization authorization = context.getAuthorization();
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		User user = activeUser(principal, users);
		return new OidcUserInfo(claims.of(user, authorization.getAuthorizedScopes()));
	}

	private static User activeUser(Authentication authentication, UserService users) {
		if (authentication != null && authentication.getPrincipal() instanceof RosterPrincipal principal) {
			User user = users.findById(principal.id()).orElse(null);
			if (user != null && user.isActive()) {
				return user;
			}
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT);
	}

}
