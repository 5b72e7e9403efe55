package org.roster.oidc;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.oidc.OidcClients.NewClient;
import org.roster.oidc.OidcClients.TokenPolicy;
import org.roster.oidc.SigningKeys.Rotation;
import org.roster.testsupport.DatabaseTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signing keys' lifecycle: one made at the first need, a rotation's key published at
 * once and signing after the grace period, the older key retired after the tokens it
 * signed have expired.
 */
@DatabaseTest
class SigningKeysTest {

	@Autowired
	SigningKeys keys;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OidcClients clients;

	@BeforeEach
	void noKeys() {
		this.jdbc.sql("DELETE FROM oidc_signing_keys").update();
		for (String table : List.of("oidc_spent_refresh_tokens", "oauth2_authorization", "oauth2_authorization_consent",
				"oauth2_registered_client")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		this.keys.reload();
	}

	@Test
	void theFirstNeedMakesOneKeyThatSignsAtOnce() {
		String kid = this.keys.current().getKeyID();
		assertThat(published()).containsExactly(kid);
		this.keys.reload();
		assertThat(this.keys.current().getKeyID()).as("kept, not made again").isEqualTo(kid);
	}

	@Test
	void aRotationPublishesTheNewKeyAtOnceAndSignsWithItAfterTheGracePeriod() {
		String first = this.keys.current().getKeyID();
		Rotation rotation = this.keys.rotate(Duration.ofMinutes(10));
		assertThat(published()).containsExactlyInAnyOrder(first, rotation.kid());
		assertThat(this.keys.current().getKeyID()).as("still the old one during the grace").isEqualTo(first);
		assertThat(rotation.olderRetireAt()).as("after the default 5 minutes of access and ID tokens")
			.isEqualTo(rotation.activatesAt().plus(Duration.ofMinutes(5)).plus(SigningKeys.REFRESH));

		// The grace period is over (as another node sees it once it reads the table).
		this.jdbc.sql("UPDATE oidc_signing_keys SET activates_at = ? WHERE kid = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), rotation.kid())
			.update();
		this.keys.reload();
		assertThat(this.keys.current().getKeyID()).isEqualTo(rotation.kid());

		// And the old one's tokens have expired.
		this.jdbc.sql("UPDATE oidc_signing_keys SET retired_at = ? WHERE kid = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), first)
			.update();
		this.keys.reload();
		assertThat(published()).doesNotContain(first).contains(rotation.kid());
	}

	@Test
	void theOlderKeysRetireAfterTheLongestSignedTokenAnyApplicationGets() {
		this.clients
			.create(new NewClient("Wiki", List.of("https://wiki.example/cb"), List.of(), false, List.of("openid"), true,
					new TokenPolicy(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofHours(8), false)));
		this.clients
			.create(new NewClient("Shop", List.of("https://shop.example/cb"), List.of(), false, List.of("openid"), true,
					new TokenPolicy(Duration.ofMinutes(50), Duration.ofMinutes(5), Duration.ofHours(8), true)));
		this.keys.current();
		Rotation rotation = this.keys.rotate(Duration.ofMinutes(10));
		assertThat(rotation.olderRetireAt())
			.as("the Wiki's 20-minute ID tokens; the Shop's access tokens are references, never signed")
			.isEqualTo(rotation.activatesAt().plus(Duration.ofMinutes(20)).plus(SigningKeys.REFRESH));
	}

	private List<String> published() {
		return this.keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null)
			.stream()
			.map((key) -> key.getKeyID())
			.toList();
	}

}
