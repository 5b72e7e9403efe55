package org.roster.account;

import org.roster.testsupport.OnPostgres;

/** {@link PasswordResetRaceTest} on PostgreSQL, where row locks keep requests apart. */
@OnPostgres
class PasswordResetRacePostgresTest extends PasswordResetRaceTest {

}
