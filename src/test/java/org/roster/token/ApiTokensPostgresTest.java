package org.roster.token;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class ApiTokensPostgresTest extends ApiTokensTest {

}
