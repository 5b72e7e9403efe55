package org.roster.avatar;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class AvatarDeletionRetryPostgresTest extends AvatarDeletionRetryTest {

}
