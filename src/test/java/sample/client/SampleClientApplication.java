package sample.client;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * An application that signs its users in through Roster with Spring Security's own OAuth2
 * client, configured with exactly the README's properties
 * ({@code sample-client.properties}): the signed-in user on {@code /}, Roster's userinfo
 * with the access token on {@code /userinfo} (refreshing it first), RP-initiated logout,
 * and the single-page app under {@code /spa/}. Outside {@code org.roster}, so Roster's
 * component scan never finds it; only web, security and the OAuth2 client are configured
 * (the test classpath holds all of Roster's starters).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
		HttpEncodingAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
		JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
		SecurityFilterAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
		OAuth2ClientWebSecurityAutoConfiguration.class })
@Import(SampleClientPages.class)
public class SampleClientApplication {

	/**
	 * Roster's access tokens live 5 minutes: refreshing that long before expiry refreshes
	 * at every use, so each visit of {@code /userinfo} shows a refresh.
	 */
	static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

	/**
	 * Starts the application on 127.0.0.1; {@code properties} supply the recipe's
	 * placeholders ({@code ROSTER_URL}, {@code ROSTER_CLIENT_ID},
	 * {@code ROSTER_CLIENT_SECRET}), {@code server.port} and
	 * {@code sample.spa.client-id}.
	 */
	public static ConfigurableApplicationContext start(Map<String, Object> properties) {
		SpringApplication application = new SpringApplicationBuilder(SampleClientApplication.class)
			.bannerMode(Banner.Mode.OFF)
			// Its own configuration file, never Roster's application.properties.
			.properties("spring.config.name=sample-client", "server.address=127.0.0.1",
					"spring.web.resources.static-locations=classpath:/sample/client/static/")
			.properties(properties)
			.build();
		// It shares the test's JVM: the logging the tests set up stays as it is.
		application.setListeners(application.getListeners()
			.stream()
			.filter((listener) -> !(listener instanceof LoggingApplicationListener))
			.toList());
		application.setRegisterShutdownHook(false);
		return application.run();
	}

	@Bean
	SecurityFilterChain sampleClientChain(HttpSecurity http, ClientRegistrationRepository registrations)
			throws Exception {
		OidcClientInitiatedLogoutSuccessHandler signOutOfRoster = new OidcClientInitiatedLogoutSuccessHandler(
				registrations);
		signOutOfRoster.setPostLogoutRedirectUri("{baseUrl}/signed-out");
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/signed-out", "/signin-failed", "/spa/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			// A handler, not failureUrl: Spring's generated login page would claim that
			// URL.
			.oauth2Login((login) -> login.failureHandler(new SimpleUrlAuthenticationFailureHandler("/signin-failed")))
			.logout((logout) -> logout.logoutSuccessHandler(signOutOfRoster));
		return http.build();
	}

	/**
	 * A bean, so Spring Security's client manager uses it and it announces each refresh:
	 * the signed-in user then carries the new ID token (the next logout's
	 * {@code id_token_hint}).
	 */
	@Bean
	RefreshTokenOAuth2AuthorizedClientProvider refreshTokens() {
		RefreshTokenOAuth2AuthorizedClientProvider refresh = new RefreshTokenOAuth2AuthorizedClientProvider();
		refresh.setClockSkew(REFRESH_BEFORE_EXPIRY);
		return refresh;
	}

}
