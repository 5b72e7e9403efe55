package org.roster.user;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class UserGuardsPostgresTest extends UserGuardsTest {

}
