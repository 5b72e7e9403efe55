package org.roster.browser;

import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roster.profile.ProfileData;
import org.roster.profile.ProfileService;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the browser tests: the application on a random port with its own in-memory H2
 * database and the embedded FTP server, emptied before each test class, requiring
 * confirmed addresses (users made here have confirmed theirs); a headless Chromium per
 * class ({@link ChromiumExtension}: without Chromium the classes skip, or fail when
 * {@code CI=true}). All browser classes share one application context. Users are created
 * through {@link UserService}; after each test the browser must have logged no JavaScript
 * error or CSP violation.
 */
@ExtendWith(ChromiumExtension.class)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:roster-browser;DB_CLOSE_DELAY=-1",
				// A short lock so the lockout test can wait for it to pass.
				"roster.security.lockout.initial-lock=2s",
				// Every request comes from 127.0.0.1: the per-client throttle must not
				// interfere.
				"roster.security.rate-limit.per-minute=100000",
				// The strictest mode, so the sign-in refused for an unconfirmed address
				// is
				// seen; seeded users have confirmed theirs.
				"roster.registration.email-verification=required" })
@ActiveProfiles("test")
@TestExecutionListeners(listeners = EmptyDatabaseListener.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
abstract class BrowserTestSupport {

	static final String PASSWORD = "tangerine-orbit-piano-47";

	/** Hashing is deliberately slow: one hash serves every seeded user. */
	private static String passwordHash;

	/** Set by {@link ChromiumExtension}. */
	Browser browser;

	@LocalServerPort
	int port;

	@Autowired
	UserService users;

	@Autowired
	ProfileService profiles;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@AfterEach
	void noBrowserErrors() {
		this.browser.afterTest();
	}

	String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	void open(String path) {
		this.browser.get(url(path));
	}

	User user(String username, String fullName) {
		return create(username, fullName, Role.USER);
	}

	User admin(String username, String fullName) {
		return create(username, fullName, Role.ADMIN);
	}

	private User create(String username, String fullName, Role role) {
		User user = this.users
			.create(new NewUser(username, username + "@example.com", hash(), role, true, false, null));
		if (fullName != null) {
			this.profiles.update(user.getId(), new ProfileData(fullName, null, null, null, null, null, null));
		}
		return user;
	}

	private synchronized String hash() {
		if (passwordHash == null) {
			passwordHash = this.encoder.encode(PASSWORD);
		}
		return passwordHash;
	}

	/**
	 * Signs in through the login form (in a fresh session) and waits for the landing
	 * page: the dashboard for an admin, the profile for a user.
	 */
	void signIn(Browser browser, String login) {
		browser.deleteCookies();
		browser.get(url("/login"));
		submitLogin(browser, login, PASSWORD);
		browser.pathIsOneOf("/profile", "/dashboard");
	}

	void signIn(String login) {
		signIn(this.browser, login);
	}

	/**
	 * Fills in and submits the login form, and waits for the page it leads to (the login
	 * page again after a failure): the next step never reads the form being left.
	 */
	static void submitLogin(Browser browser, String login, String password) {
		browser.type("#username", login);
		browser.type("#password", password);
		browser.loadsNewPage("the page after signing in as " + login,
				() -> browser.find("form[action$='/login'] button[type=submit]").click());
	}

	/** axe-core on the current page: no {@code critical} or {@code serious} violation. */
	void assertAccessible(String what) {
		Results results = new AxeBuilder().analyze(this.browser.driver());
		List<String> serious = results.getViolations()
			.stream()
			.filter((rule) -> "critical".equals(rule.getImpact()) || "serious".equals(rule.getImpact()))
			.map(BrowserTestSupport::describe)
			.toList();
		assertThat(serious).as("critical or serious accessibility violations on the " + what).isEmpty();
	}

	private static String describe(Rule rule) {
		String targets = rule.getNodes()
			.stream()
			.map((node) -> String.valueOf(node.getTarget()) + " " + node.getFailureSummary())
			.collect(Collectors.joining("; "));
		return rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + "): " + targets;
	}

}
