package org.roster.testsupport;

import org.flywaydb.core.Flyway;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Gives each {@link DatabaseTest} class an empty, freshly migrated schema, also when the
 * class reuses a cached context that earlier classes wrote to. (A context that was just
 * created already starts clean: see {@link CleanStartCustomizerFactory}.)
 */
class FreshSchemaListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// Before dependency injection (2000), so beans see the new schema from the start.
		return 1900;
	}

	@Override
	public void beforeTestClass(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			testContext.getApplicationContext();
			return;
		}
		recreate(testContext.getApplicationContext().getBean(Flyway.class));
	}

	static void recreate(Flyway flyway) {
		flyway.clean();
		flyway.migrate();
	}

}
