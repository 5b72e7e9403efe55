package org.roster.user;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class UserCountsPostgresTest extends UserCountsTest {

}
