package org.roster.browser;

import javax.sql.DataSource;

import org.roster.testsupport.TestDatabase;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Empties the users (profiles follow by cascade) and sessions before each browser test
 * class: the classes share one running application, and each seeds its own users.
 */
class EmptyDatabaseListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void beforeTestClass(TestContext testContext) {
		new TestDatabase(testContext.getApplicationContext().getBean(DataSource.class)).deleteAllUsers();
	}

}
