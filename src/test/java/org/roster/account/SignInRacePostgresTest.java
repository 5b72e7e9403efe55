package org.roster.account;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class SignInRacePostgresTest extends SignInRaceTest {

}
