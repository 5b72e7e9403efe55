package org.roster.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.test.context.ActiveProfiles;

/**
 * Runs a {@link DatabaseTest} on PostgreSQL (profile {@code test-postgres}: database
 * {@code roster_test} on 127.0.0.1, or {@code ROSTER_TEST_PG_URL}, {@code _USER},
 * {@code _PASSWORD}). Enabled only with {@code -Droster.test.postgres=true} (what
 * {@code .ci/run} passes); then an unreachable server makes the tests fail, never skip.
 * <p>
 * Usually on an empty subclass of an H2 test class, so the same tests run on both
 * databases; a PostgreSQL-only class may carry it alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DatabaseTest
@ActiveProfiles(value = { "test", "test-postgres" }, inheritProfiles = false)
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_SWITCH, matches = "true",
		disabledReason = "PostgreSQL suite off: run with -Droster.test.postgres=true (.ci/run does)")
@Tag("postgres")
public @interface OnPostgres {

}
