package org.roster.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for applications that run in the browser (a single-page app): the endpoints such
 * an app calls with {@code fetch} (discovery, JWKS, token, userinfo, revocation) answer
 * the origins of the redirect URIs of the enabled registered clients, looked up at each
 * cross-origin request, so a new, disabled or deleted application counts at once on every
 * node. No cookies (Roster's session never travels cross-origin), and only the methods
 * and headers the protocol needs; another origin is refused (403, no CORS headers). The
 * authorization and logout endpoints are top-level navigations and need none.
 */
@Component
class ApplicationOrigins implements CorsConfigurationSource {

	private static final List<String> DISCOVERY = List.of("/.well-known/openid-configuration",
			"/.well-known/oauth-authorization-server");

	private final JdbcClient jdbc;

	private final RequestMatcher endpoints;

	private final RequestMatcher preflights;

	ApplicationOrigins(JdbcClient jdbc, AuthorizationServerSettings settings) {
		this.jdbc = jdbc;
		List<String> paths = new ArrayList<>(DISCOVERY);
		paths.addAll(List.of(settings.getJwkSetEndpoint(), settings.getTokenEndpoint(),
				settings.getOidcUserInfoEndpoint(), settings.getTokenRevocationEndpoint()));
		this.endpoints = matcher(paths, null);
		this.preflights = matcher(paths, HttpMethod.OPTIONS);
	}

	private static RequestMatcher matcher(List<String> paths, @Nullable HttpMethod method) {
		return new OrRequestMatcher(paths.stream()
			.map((path) -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(method, path))
			.toList());
	}

	/**
	 * The preflight requests of these endpoints: the protocol's own matchers take only
	 * GET or POST, so the provider's chain must match these too to answer them.
	 */
	RequestMatcher preflights() {
		return this.preflights;
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		if (request.getHeader(HttpHeaders.ORIGIN) == null || !this.endpoints.matches(request)) {
			return null;
		}
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(registeredOrigins());
		cors.setAllowedMethods(List.of("GET", "POST"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
		// A refused bearer token says why in this header.
		cors.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE));
		cors.setAllowCredentials(false);
		cors.setMaxAge(Duration.ofMinutes(10));
		return cors;
	}

	private List<String> registeredOrigins() {
		return this.jdbc.sql("SELECT redirect_uris FROM oauth2_registered_client WHERE disabled_at IS NULL")
			.query(String.class)
			.list()
			.stream()
			.flatMap((uris) -> Arrays.stream(uris.split(",")))
			.map(ApplicationOrigins::origin)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

	/** As a browser sends it: scheme and host, the port only when not the default. */
	static @Nullable String origin(String uri) {
		try {
			URI parsed = new URI(uri.strip());
			if (parsed.getScheme() == null || parsed.getHost() == null) {
				return null;
			}
			String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
			int port = parsed.getPort();
			boolean defaultPort = port == -1 || scheme.equals("https") && port == 443
					|| scheme.equals("http") && port == 80;
			return scheme + "://" + parsed.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

}
