package org.roster.mail;

import org.roster.testsupport.OnPostgres;

/** {@link OutboxTest} on PostgreSQL, where row locks are what keeps nodes apart. */
@OnPostgres
class OutboxPostgresTest extends OutboxTest {

}
