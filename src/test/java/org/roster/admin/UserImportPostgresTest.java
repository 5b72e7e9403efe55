package org.roster.admin;

import org.roster.testsupport.OnPostgres;

/** The CSV import on PostgreSQL. */
@OnPostgres
class UserImportPostgresTest extends UserImportTest {

}
