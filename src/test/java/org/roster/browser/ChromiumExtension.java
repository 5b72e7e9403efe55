package org.roster.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One headless Chromium per test class, closed after the class. On a machine without
 * Chromium the class is skipped with a one-line reason before the application starts (a
 * disabled class is listed as skipped; a class-level assumption would vanish from the
 * report). With {@code CI=true} a missing browser fails instead: CI must never pass by
 * skipping.
 * <p>
 * The binaries default to Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}; system properties {@code roster.test.chromium} and
 * {@code roster.test.chromedriver} point elsewhere.
 */
class ChromiumExtension implements ExecutionCondition, BeforeAllCallback, TestInstancePostProcessor {

	private static final Namespace NAMESPACE = Namespace.create(ChromiumExtension.class);

	private static final String INSTALL = "apt-get install -y chromium chromium-driver";

	static final Path CHROMIUM = Path.of(System.getProperty("roster.test.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("roster.test.chromedriver", "/usr/bin/chromedriver"));

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String missing = missingBinary();
		if (missing == null || ci()) {
			return ConditionEvaluationResult.enabled("Chromium found, or CI (which fails without it)");
		}
		return ConditionEvaluationResult
			.disabled("browser tests skipped: no " + missing + " (" + INSTALL + "; with CI=true they fail instead)");
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		String missing = missingBinary();
		if (missing != null) {
			throw new IllegalStateException(
					"CI=true but " + missing + " is missing: the browser tests must run in CI (" + INSTALL + ")");
		}
		context.getStore(NAMESPACE).put(context.getRequiredTestClass(), Browser.launch(CHROMIUM, CHROMEDRIVER));
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
		if (testInstance instanceof BrowserTestSupport test) {
			test.browser = context.getStore(NAMESPACE).get(context.getRequiredTestClass(), Browser.class);
		}
	}

	/** A further browser for tests that need two sessions; the caller closes it. */
	static Browser launchAnother() {
		return Browser.launch(CHROMIUM, CHROMEDRIVER);
	}

	private static String missingBinary() {
		return !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString()
				: !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
	}

	private static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

}
