package org.roster.account;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.roster.testsupport.TestDatabase;

import org.springframework.test.context.ActiveProfiles;

/**
 * The second factors on PostgreSQL: the conditioned updates that use a code once, the
 * cascades, the server key's table.
 */
@ActiveProfiles(value = { "test", "test-postgres" }, inheritProfiles = false)
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_SWITCH, matches = "true",
		disabledReason = "PostgreSQL suite off: run with -Droster.test.postgres=true (.ci/run does)")
@Tag("postgres")
class SecondFactorPostgresTest extends SecondFactorServerTest {

}
