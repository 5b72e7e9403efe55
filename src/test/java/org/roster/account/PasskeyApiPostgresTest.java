package org.roster.account;

import org.roster.testsupport.OnPostgres;

/** The passkey routes and tables on PostgreSQL. */
@OnPostgres
class PasskeyApiPostgresTest extends PasskeyApiTest {

}
