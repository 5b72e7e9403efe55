package org.roster.account;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestTemplate;

/**
 * Turns what a provider answers about the person signing in into an
 * {@link ExternalAccount}. Two shapes: OpenID Connect (a registration with the
 * {@code openid} scope: Google, Keycloak, Entra ID, another Roster), whose ID token and
 * user-info claims are standard; and GitHub's OAuth2 API (any other registration), whose
 * user endpoint has {@code id}, {@code login}, {@code name}, {@code avatar_url} and whose
 * e-mail endpoint ({@code <user-info-uri>/emails}) says which addresses are verified.
 */
final class ExternalUserInfo {

	/** Calls to a provider that hangs must not hold a request thread for long. */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private ExternalUserInfo() {
	}

	static SimpleClientHttpRequestFactory requestFactory() {
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(CONNECT_TIMEOUT);
		factory.setReadTimeout(READ_TIMEOUT);
		return factory;
	}

	/** The exchange of the code for tokens, with the same timeouts. */
	static RestClientAuthorizationCodeTokenResponseClient tokenClient() {
		RestClient rest = RestClient.builder()
			.requestFactory(requestFactory())
			.configureMessageConverters((converters) -> converters.addCustomConverter(new FormHttpMessageConverter())
				.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
		RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
		client.setRestClient(rest);
		return client;
	}

	/** The user endpoint of a GitHub-shaped provider, then its e-mail endpoint. */
	static OAuth2UserService<OAuth2UserRequest, OAuth2User> gitHubStyle() {
		RestTemplate rest = new RestTemplate(requestFactory());
		rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		DefaultOAuth2UserService users = new DefaultOAuth2UserService();
		users.setRestOperations(rest);
		RestClient emails = RestClient.builder().requestFactory(requestFactory()).build();
		return (request) -> {
			OAuth2User user = refusingMalformed(() -> users.loadUser(request));
			ClientRegistration registration = request.getClientRegistration();
			Map<String, Object> attributes = user.getAttributes();
			PrimaryEmail primary = primaryEmail(emails, request);
			String email = (primary != null) ? primary.email() : text(attributes.get("email"));
			ExternalAccount account = new ExternalAccount(registration.getRegistrationId(),
					registration.getClientName(), user.getName(), text(attributes.get("login")),
					text(attributes.get("name")), lowerCase(email), primary != null,
					text(attributes.get("avatar_url")));
			return new ExternalOAuth2User(user, account,
					registration.getProviderDetails().getUserInfoEndpoint().getUserNameAttributeName());
		};
	}

	/** The standard claims of the ID token and the user-info endpoint. */
	static OAuth2UserService<OidcUserRequest, OidcUser> openIdConnect() {
		OidcUserService users = new OidcUserService();
		RestTemplate rest = new RestTemplate(requestFactory());
		rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
		userInfo.setRestOperations(rest);
		users.setOauth2UserService(userInfo);
		return (request) -> {
			OidcUser user = refusingMalformed(() -> users.loadUser(request));
			ClientRegistration registration = request.getClientRegistration();
			String login = firstText(user.getPreferredUsername(), user.getNickName(), localPart(user.getEmail()));
			String fullName = firstText(user.getFullName(), joined(user.getGivenName(), user.getFamilyName()));
			ExternalAccount account = new ExternalAccount(registration.getRegistrationId(),
					registration.getClientName(), user.getSubject(), login, fullName, lowerCase(user.getEmail()),
					Boolean.TRUE.equals(user.getEmailVerified()), user.getPicture());
			return new ExternalOidcUser(user, account);
		};
	}

	/**
	 * A provider's answer without the attributes it must have (Spring Security's
	 * assertions) refuses the sign-in like any other bad answer, instead of failing the
	 * request.
	 */
	private static <T> T refusingMalformed(Supplier<T> load) {
		try {
			return load.get();
		}
		catch (IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_user_info_response"), ex.getMessage(), ex);
		}
	}

	/**
	 * GitHub's primary address if it is verified; null without the {@code user:email}
	 * scope or when the endpoint fails (the address then counts as unverified).
	 */
	private static @Nullable PrimaryEmail primaryEmail(RestClient client, OAuth2UserRequest request) {
		String userInfoUri = request.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri();
		try {
			List<GitHubEmail> emails = client.get()
				.uri(userInfoUri + "/emails")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + request.getAccessToken().getTokenValue())
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(new ParameterizedTypeReference<List<GitHubEmail>>() {
				});
			if (emails == null) {
				return null;
			}
			return emails.stream()
				.filter((email) -> email.primary() && email.verified() && email.email() != null)
				.findFirst()
				.map((email) -> new PrimaryEmail(email.email()))
				.orElse(null);
		}
		catch (RestClientException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable Object value) {
		return (value != null && !value.toString().isBlank()) ? value.toString().strip() : null;
	}

	private static @Nullable String lowerCase(@Nullable String email) {
		return (email != null && !email.isBlank()) ? email.strip().toLowerCase(Locale.ROOT) : null;
	}

	private static @Nullable String firstText(@Nullable String... values) {
		for (String value : values) {
			if (text(value) != null) {
				return value.strip();
			}
		}
		return null;
	}

	private static @Nullable String localPart(@Nullable String email) {
		return (email != null && email.contains("@")) ? email.substring(0, email.indexOf('@')) : null;
	}

	private static @Nullable String joined(@Nullable String given, @Nullable String family) {
		String joined = ((given != null) ? given : "") + " " + ((family != null) ? family : "");
		return joined.isBlank() ? null : joined.strip();
	}

	/** One entry of GitHub's {@code /user/emails}. */
	record GitHubEmail(@Nullable String email, boolean primary, boolean verified) {
	}

	private record PrimaryEmail(String email) {
	}

	/** The principal of the sign-in's first moment, before it becomes a Roster one. */
	interface ExternalUser {

		ExternalAccount account();

	}

	static final class ExternalOAuth2User extends DefaultOAuth2User implements ExternalUser {

		private static final long serialVersionUID = 1L;

		private final ExternalAccount account;

		ExternalOAuth2User(OAuth2User user, ExternalAccount account, String nameAttributeKey) {
			super(user.getAuthorities(), user.getAttributes(), nameAttributeKey);
			this.account = account;
		}

		@Override
		public ExternalAccount account() {
			return this.account;
		}

	}

	static final class ExternalOidcUser extends DefaultOidcUser implements ExternalUser {

		private static final long serialVersionUID = 1L;

		private final ExternalAccount account;

		ExternalOidcUser(OidcUser user, ExternalAccount account) {
			super(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
			this.account = account;
		}

		@Override
		public ExternalAccount account() {
			return this.account;
		}

	}

}
