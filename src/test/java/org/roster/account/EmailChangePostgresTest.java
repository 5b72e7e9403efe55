package org.roster.account;

import org.roster.testsupport.OnPostgres;

/** The address change on PostgreSQL, the double click on one link included. */
@OnPostgres
class EmailChangePostgresTest extends EmailChangeTest {

}
