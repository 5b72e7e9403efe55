package org.roster.profile;

import org.roster.testsupport.OnPostgres;

@OnPostgres
class ProfileLifecyclePostgresTest extends ProfileLifecycleTest {

}
