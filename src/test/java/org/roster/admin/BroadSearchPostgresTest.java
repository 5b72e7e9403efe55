package org.roster.admin;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class BroadSearchPostgresTest extends BroadSearchTest {

}
