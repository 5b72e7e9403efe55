package org.roster.account;

import org.roster.testsupport.OnPostgres;

/** Address verification on PostgreSQL. */
@OnPostgres
class EmailVerificationPostgresTest extends EmailVerificationTest {

}
