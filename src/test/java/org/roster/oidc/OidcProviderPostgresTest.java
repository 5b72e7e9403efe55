package org.roster.oidc;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.roster.testsupport.TestDatabase;

import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider on PostgreSQL: its tables' TEXT columns and time zones, and the indexes by
 * which every token request finds its grant.
 */
@ActiveProfiles(value = { "test", "test-postgres" }, inheritProfiles = false)
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_SWITCH, matches = "true",
		disabledReason = "PostgreSQL suite off: run with -Droster.test.postgres=true (.ci/run does)")
@Tag("postgres")
class OidcProviderPostgresTest extends OidcProviderTest {

	@Test
	void everyTokenLookupUsesAnIndex() {
		for (String column : List.of("state", "authorization_code_value", "access_token_value", "oidc_id_token_value",
				"refresh_token_value")) {
			String plan = this.transactions.execute((status) -> {
				// Forbidden, a sequential scan is still chosen when no index can serve.
				this.jdbc.sql("SET LOCAL enable_seqscan = off").update();
				return String.join("\n",
						this.jdbc.sql("EXPLAIN SELECT * FROM oauth2_authorization WHERE " + column + " = 'sha256:00'")
							.query(String.class)
							.list());
			});
			assertThat(plan).as(column).contains("Index").doesNotContain("Seq Scan");
		}
	}

}
