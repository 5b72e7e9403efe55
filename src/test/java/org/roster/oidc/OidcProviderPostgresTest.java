package org.roster.oidc;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.roster.testsupport.TestDatabase;

import org.springframework.test.context.ActiveProfiles;

/** The provider on PostgreSQL: its tables' TEXT columns and time zones. */
@ActiveProfiles(value = { "test", "test-postgres" }, inheritProfiles = false)
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_SWITCH, matches = "true",
		disabledReason = "PostgreSQL suite off: run with -Droster.test.postgres=true (.ci/run does)")
@Tag("postgres")
class OidcProviderPostgresTest extends OidcProviderTest {

}
