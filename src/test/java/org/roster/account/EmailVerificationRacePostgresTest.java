package org.roster.account;

import org.roster.testsupport.OnPostgres;

/**
 * {@link EmailVerificationRaceTest} on PostgreSQL, where row locks keep requests apart.
 */
@OnPostgres
class EmailVerificationRacePostgresTest extends EmailVerificationRaceTest {

}
