package org.roster.account;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class AnonymousSessionsPostgresTest extends AnonymousSessionsTest {

}
