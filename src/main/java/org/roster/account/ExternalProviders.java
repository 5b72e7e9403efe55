package org.roster.account;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * The providers people can sign in with: the client registrations of
 * {@code spring.security.oauth2.client.registration.*}, none when none is configured.
 */
@Component
class ExternalProviders {

	private final List<Provider> providers;

	private final List<String> authorizationOrigins;

	private final ClientRegistrationRepository registrations;

	ExternalProviders(ObjectProvider<ClientRegistrationRepository> registrations) {
		this.registrations = registrations.getIfAvailable();
		List<Provider> found = new ArrayList<>();
		Set<String> origins = new LinkedHashSet<>();
		if (this.registrations instanceof Iterable<?> all) {
			for (Object registration : all) {
				if (registration instanceof ClientRegistration client
						&& "authorization_code".equals(client.getAuthorizationGrantType().getValue())) {
					found.add(new Provider(client.getRegistrationId(), client.getClientName()));
					String origin = origin(client.getProviderDetails().getAuthorizationUri());
					if (origin != null) {
						origins.add(origin);
					}
				}
			}
		}
		this.providers = List.copyOf(found);
		this.authorizationOrigins = List.copyOf(origins);
	}

	/** In the order of the configuration. */
	List<Provider> all() {
		return this.providers;
	}

	boolean any() {
		return !this.providers.isEmpty();
	}

	Optional<Provider> find(String registrationId) {
		return this.providers.stream().filter((provider) -> provider.id().equals(registrationId)).findFirst();
	}

	/**
	 * Where the providers' round trips start ({@code scheme://host[:port]}), in the order
	 * of the configuration: the profile's Link button is a form whose answer redirects
	 * there, and browsers hold every redirect of a form's submission to the page's
	 * {@code form-action}.
	 */
	List<String> authorizationOrigins() {
		return this.authorizationOrigins;
	}

	String nameOf(String registrationId) {
		return find(registrationId).map(Provider::name).orElse(registrationId);
	}

	/** Null for a relative address: that one is the page's own origin ('self'). */
	private static @Nullable String origin(String authorizationUri) {
		URI uri = URI.create(authorizationUri);
		if (uri.getScheme() == null || uri.getHost() == null) {
			return null;
		}
		return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
				+ ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	/** A provider's registration id (in its URLs) and the name people see. */
	record Provider(String id, String name) {

		public String startPath() {
			return "/oauth2/authorization/" + this.id;
		}

	}

}
