package org.roster.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * One headless Chromium per test class, closed after the class. Registered before the
 * Spring extension, so a machine without Chromium skips the class (one-line reason)
 * before the application starts. With {@code CI=true} a missing browser fails instead: CI
 * must never pass by skipping.
 * <p>
 * The binaries default to Debian's {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}; system properties {@code roster.test.chromium} and
 * {@code roster.test.chromedriver} point elsewhere.
 */
class ChromiumExtension implements BeforeAllCallback, TestInstancePostProcessor {

	private static final Namespace NAMESPACE = Namespace.create(ChromiumExtension.class);

	static final Path CHROMIUM = Path.of(System.getProperty("roster.test.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("roster.test.chromedriver", "/usr/bin/chromedriver"));

	@Override
	public void beforeAll(ExtensionContext context) {
		requireBrowser();
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

	private static void requireBrowser() {
		String missing = !Files.isExecutable(CHROMIUM) ? CHROMIUM.toString()
				: !Files.isExecutable(CHROMEDRIVER) ? CHROMEDRIVER.toString() : null;
		if (missing == null) {
			return;
		}
		String install = "apt-get install -y chromium chromium-driver";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(
					"CI=true but " + missing + " is missing: the browser tests must run in CI (" + install + ")");
		}
		Assumptions.abort("browser tests skipped: no " + missing + " (" + install + "; CI=true fails instead)");
	}

}
