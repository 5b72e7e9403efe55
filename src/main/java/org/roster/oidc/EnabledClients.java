package org.roster.oidc;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients as the protocol sees them: a disabled one
 * ({@code oauth2_registered_client.disabled_at}) is not found, so it can neither sign
 * anyone in nor exchange or refresh a token, on every node at once. One query a lookup
 * (every token request makes one); the admins' pages see disabled clients too
 * ({@link #findIncludingDisabled}).
 */
final class EnabledClients implements RegisteredClientRepository {

	private static final String SELECT = "SELECT * FROM oauth2_registered_client WHERE ";

	private final RegisteredClientRepository store;

	private final JdbcClient jdbc;

	private final RowMapper<RegisteredClient> rows = new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper();

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
		return one(SELECT + "id = ? AND disabled_at IS NULL", id);
	}

	@Override
	public @Nullable RegisteredClient findByClientId(String clientId) {
		return one(SELECT + "client_id = ? AND disabled_at IS NULL", clientId);
	}

	/** A client whether enabled or not, for the admins. */
	@Nullable RegisteredClient findIncludingDisabled(String clientId) {
		return one(SELECT + "client_id = ?", clientId);
	}

	private @Nullable RegisteredClient one(String sql, String value) {
		return this.jdbc.sql(sql).param(value).query(this.rows).optional().orElse(null);
	}

}
