package org.roster;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class SchemaPostgresTest extends SchemaTest {

}
