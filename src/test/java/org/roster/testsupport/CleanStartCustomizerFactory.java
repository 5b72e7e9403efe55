package org.roster.testsupport;

import java.util.List;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Makes a {@link DatabaseTest} context clean the schema before it migrates, so a
 * PostgreSQL database left behind by an earlier run (or another branch's migrations)
 * never fails Flyway's validation and every run starts the same way.
 */
class CleanStartCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new CleanStart();
	}

	/** Stateless: all instances are equal, so the context cache key is unchanged. */
	private record CleanStart() implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FlywayMigrationStrategy strategy = (flyway) -> {
				PostgresRunLock.acquire(context.getEnvironment());
				FreshSchemaListener.recreate(flyway);
			};
			context.getBeanFactory().registerSingleton("testCleanStartMigrationStrategy", strategy);
		}

	}

}
