package org.roster.oidc;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients as the protocol sees them: a disabled one
 * ({@code oauth2_registered_client.disabled_at}) is not found, so it can neither sign
 * anyone in nor exchange or refresh a token, on every node at once.
 */
final class EnabledClients implements RegisteredClientRepository {

	private final RegisteredClientRepository store;

	private final JdbcClient jdbc;

	EnabledClients(RegisteredClientRepository store, JdbcClient jdbc) {
		this.store = store;
		this.jdbc = jdbc;
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		this.store.save(registeredClient);
	}

	@Override
	public @Nullable RegisteredClient findById(String id) {
		RegisteredClient client = this.store.findById(id);
		return (client != null && enabled(client)) ? client : null;
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		RegisteredClient client = this.store.findByClientId(clientId);
		return (client != null && enabled(client)) ? client : null;
	}

	private boolean enabled(RegisteredClient client) {
		return this.jdbc.sql("SELECT COUNT(*) FROM oauth2_registered_client WHERE id = ? AND disabled_at IS NULL")
			.param(client.getId())
			.query(Integer.class)
			.single() == 1;
	}

}
