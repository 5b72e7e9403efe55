package org.roster.account;

import org.roster.testsupport.OnPostgres;

/** "Where you're signed in" on PostgreSQL. */
@OnPostgres
class UserSessionsPostgresTest extends UserSessionsTest {

}
