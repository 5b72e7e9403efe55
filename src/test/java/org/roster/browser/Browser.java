package org.roster.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium session with the waits and checks the browser tests share: explicit
 * waits only, console errors and CSP violations collected on every page, screenshots
 * under {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int WIDTH = 1280;

	private static final int HEIGHT = 900;

	/**
	 * Runs before any page script (added through DevTools, so the CSP does not block it):
	 * records CSP violations and uncaught errors of the current page.
	 */
	private static final String PROBLEM_RECORDER = """
			window.__rosterProblems = [];
			document.addEventListener('securitypolicyviolation', (e) => window.__rosterProblems.push(
			    'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code')));
			window.addEventListener('error', (e) => window.__rosterProblems.push('Uncaught error: ' + e.message));
			window.addEventListener('unhandledrejection', (e) => window.__rosterProblems.push(
			    'Unhandled rejection: ' + ((e.reason && e.reason.message) || e.reason)));
			""";

	private final ChromeDriver driver;

	private final WebDriverWait wait;

	private final List<String> allowedErrors = new ArrayList<>();

	private Browser(ChromeDriver driver) {
		this.driver = driver;
		this.wait = new WebDriverWait(driver, TIMEOUT);
	}

	static Browser launch(Path chromium, Path chromedriver) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		// Reduced motion: Bootstrap skips its fade transitions, so modals and alerts are
		// in their final state as soon as they are shown (no waiting on animations).
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--window-size=1280,900", "--force-prefers-reduced-motion", "--lang=en-GB");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBLEM_RECORDER));
		Browser browser = new Browser(driver);
		browser.viewport(WIDTH, HEIGHT);
		return browser;
	}

	/**
	 * Sets the page's size ({@code --window-size} includes the emulated window frame).
	 * Not emulated as a mobile device: a phone browser would zoom out to fit a page that
	 * is too wide, hiding exactly the overflow the phone-width checks look for.
	 */
	void viewport(int width, int height) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
	}

	/** Files the page downloads go to {@code folder}, without asking. */
	void downloadsTo(java.nio.file.Path folder) {
		this.driver.executeCdpCommand("Browser.setDownloadBehavior",
				Map.of("behavior", "allow", "downloadPath", folder.toAbsolutePath().toString()));
	}

	/** Back to the default 1280x900. */
	void desktopViewport() {
		viewport(WIDTH, HEIGHT);
	}

	WebDriver driver() {
		return this.driver;
	}

	void get(String url) {
		this.driver.get(url);
	}

	String path() {
		return URI.create(this.driver.getCurrentUrl()).getPath();
	}

	String query() {
		return URI.create(this.driver.getCurrentUrl()).getQuery();
	}

	WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	List<WebElement> findAll(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	WebElement visible(String css) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
	}

	void gone(String css) {
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
	}

	<T> T until(Function<WebDriver, T> condition) {
		return this.wait.until(condition);
	}

	<T> T until(String message, Function<WebDriver, T> condition) {
		// A wait of its own: withMessage would change the shared one for every later
		// wait.
		return new WebDriverWait(this.driver, TIMEOUT).withMessage(message).until(condition);
	}

	/**
	 * Runs an action that loads another page (a link, a form submission) and waits until
	 * that page has replaced this one and finished loading. The old window is marked
	 * first, so neither an element nor the URL of the page being left can pass for the
	 * new one.
	 */
	void loadsNewPage(String what, Runnable action) {
		script("window.__rosterLeaving = true;");
		action.run();
		until(what + " (at " + this.driver.getCurrentUrl() + ")",
				(d) -> this.<Boolean>script("return !window.__rosterLeaving && document.readyState === 'complete';"));
	}

	void textIn(String css, String text) {
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
	}

	void pathIs(String path) {
		until("page " + path + " (at " + this.driver.getCurrentUrl() + ")", (d) -> path.equals(path()));
	}

	void pathIsOneOf(String... paths) {
		List<String> expected = List.of(paths);
		until("one of " + expected + " (at " + this.driver.getCurrentUrl() + ")", (d) -> expected.contains(path()));
	}

	@SuppressWarnings("unchecked")
	<T> T script(String script, Object... args) {
		return (T) ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	/** Replaces an input's value by typing, so key events fire as for a user. */
	void type(String css, String text) {
		WebElement input = find(css);
		input.clear();
		input.sendKeys(text);
	}

	/** Waits for Bootstrap's modal to be fully shown. */
	WebElement modal(String id) {
		return until("modal #" + id + " shown", (d) -> {
			WebElement modal = d.findElement(By.id(id));
			boolean shown = modal.isDisplayed() && modal.getAttribute("class").contains("show")
					&& "true".equals(modal.getAttribute("aria-modal"));
			return shown ? modal : null;
		});
	}

	void modalClosed(String id) {
		until("modal #" + id + " closed", (d) -> !d.findElement(By.id(id)).isDisplayed()
				&& d.findElements(By.cssSelector(".modal-backdrop")).isEmpty());
	}

	/** The id of the element that has the focus ("" for none, "body" for the page). */
	String focused() {
		return script("const e = document.activeElement;"
				+ " return !e ? '' : e === document.body ? 'body' : (e.id || e.tagName.toLowerCase());");
	}

	/** Saves a PNG of the viewport under target/screenshots. */
	void screenshot(String name) {
		save(name, this.driver.getScreenshotAs(OutputType.BYTES));
	}

	/** Saves a PNG of one element (its bounding box) under target/screenshots. */
	void screenshot(String name, String css) {
		WebElement element = find(css);
		script("arguments[0].scrollIntoView({block: 'center'});", element);
		save(name, element.getScreenshotAs(OutputType.BYTES));
	}

	private static void save(String name, byte[] png) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name + ".png"), png);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Chromium refuses requests to these URL patterns ({@code *} wildcards) for the rest
	 * of the session, without trying the network: for pages not ours that load from the
	 * internet, which a test must never reach.
	 */
	void block(String... urlPatterns) {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
	}

	/** Console errors containing this text are expected for the rest of the test. */
	void allowConsoleError(String fragment) {
		this.allowedErrors.add(fragment);
	}

	/**
	 * Fails on CSP violations or uncaught errors on the current page, and on SEVERE
	 * entries in the console of every page since the last check.
	 */
	void assertNoErrors() {
		List<String> problems = new ArrayList<>();
		List<Object> recorded = script("return window.__rosterProblems || [];");
		recorded.forEach((problem) -> problems.add(String.valueOf(problem)));
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
					&& this.allowedErrors.stream().noneMatch(entry.getMessage()::contains)) {
				problems.add("console: " + entry.getMessage());
			}
		}
		script("if (window.__rosterProblems) window.__rosterProblems.length = 0;");
		assertThat(problems).as("JavaScript errors or CSP violations in the browser").isEmpty();
	}

	/** Ends the current test: checks for errors and forgets its allowances. */
	void afterTest() {
		try {
			assertNoErrors();
		}
		finally {
			this.allowedErrors.clear();
		}
	}

	void deleteCookies() {
		this.driver.manage().deleteAllCookies();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
