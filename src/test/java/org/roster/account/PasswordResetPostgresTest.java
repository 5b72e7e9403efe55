package org.roster.account;

import org.roster.testsupport.OnPostgres;

/** {@link PasswordResetTest} on PostgreSQL. */
@OnPostgres
class PasswordResetPostgresTest extends PasswordResetTest {

}
