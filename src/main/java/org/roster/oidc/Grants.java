package org.roster.oidc;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ending grants: a user's (their access ended), an application's (it was deleted), one
 * user's to one application (revoked on the profile), and those that expired. A grant is
 * its authorization rows, the hashes of its spent refresh tokens and, for the first
 * three, the consent.
 */
@Component
class Grants {

	/** Rows per delete of the expired ones: no long lock on a large table. */
	static final int BATCH = 500;

	private static final String SPENT_OF = "DELETE FROM oidc_spent_refresh_tokens WHERE authorization_id IN"
			+ " (SELECT id FROM oauth2_authorization WHERE ";

	private final JdbcClient jdbc;

	Grants(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	void endForUser(String username) {
		this.jdbc.sql(SPENT_OF + "principal_name = ?)").param(username).update();
		this.jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ?").param(username).update();
		this.jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?").param(username).update();
	}

	@Transactional
	void endForClient(String registeredClientId) {
		this.jdbc.sql(SPENT_OF + "registered_client_id = ?)").param(registeredClientId).update();
		this.jdbc.sql("DELETE FROM oauth2_authorization WHERE registered_client_id = ?")
			.param(registeredClientId)
			.update();
		this.jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE registered_client_id = ?")
			.param(registeredClientId)
			.update();
	}

	@Transactional
	void endForUserAndClient(String username, String registeredClientId) {
		this.jdbc.sql(SPENT_OF + "principal_name = ? AND registered_client_id = ?)")
			.params(username, registeredClientId)
			.update();
		this.jdbc.sql("DELETE FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?")
			.params(username, registeredClientId)
			.update();
		this.jdbc.sql("DELETE FROM oauth2_authorization_consent WHERE principal_name = ? AND registered_client_id = ?")
			.params(username, registeredClientId)
			.update();
	}

	/**
	 * Deletes up to {@link #BATCH} grants whose every token has expired (the refresh
	 * token's end, or the access token's or code's when there is none).
	 * @return how many went; fewer than the batch means none is left
	 */
	@Transactional
	int deleteExpired(Instant now) {
		String expired = "SELECT id FROM oauth2_authorization WHERE COALESCE(refresh_token_expires_at,"
				+ " access_token_expires_at, authorization_code_expires_at) < ? FETCH FIRST " + BATCH + " ROWS ONLY";
		Timestamp at = Timestamp.from(now);
		this.jdbc.sql("DELETE FROM oidc_spent_refresh_tokens WHERE authorization_id IN (" + expired + ")")
			.param(at)
			.update();
		return this.jdbc.sql("DELETE FROM oauth2_authorization WHERE id IN (" + expired + ")").param(at).update();
	}

}
