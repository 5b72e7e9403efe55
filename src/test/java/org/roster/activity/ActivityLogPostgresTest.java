package org.roster.activity;

import org.roster.testsupport.OnPostgres;

/** {@link ActivityLogTest} on PostgreSQL. */
@OnPostgres
class ActivityLogPostgresTest extends ActivityLogTest {

}
