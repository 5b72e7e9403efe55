package org.roster.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

	private final ClientRegistrationRepository registrations;

	ExternalProviders(ObjectProvider<ClientRegistrationRepository> registrations) {
		this.registrations = registrations.getIfAvailable();
		List<Provider> found = new ArrayList<>();
		if (this.registrations instanceof Iterable<?> all) {
			for (Object registration : all) {
				if (registration instanceof ClientRegistration client
						&& "authorization_code".equals(client.getAuthorizationGrantType().getValue())) {
					found.add(new Provider(client.getRegistrationId(), client.getClientName()));
				}
			}
		}
		this.providers = List.copyOf(found);
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

	String nameOf(String registrationId) {
		return find(registrationId).map(Provider::name).orElse(registrationId);
	}

	/** A provider's registration id (in its URLs) and the name people see. */
	record Provider(String id, String name) {

		public String startPath() {
			return "/oauth2/authorization/" + this.id;
		}

	}

}
