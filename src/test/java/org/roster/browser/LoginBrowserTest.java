package org.roster.browser;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.roster.user.User;
import org.roster.user.UserStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in through the form: username or email, failures, lockout and suspension. */
class LoginBrowserTest extends BrowserTestSupport {

	static final String GENERIC = "Incorrect username or password";

	@Test
	void signsInWithUsernameOrEmailAndSignsOut() {
		user("margaret", "Margaret Hamilton");
		signIn("margaret");
		assertThat(this.browser.find("h1").getText()).isEqualTo("My profile");
		assertThat(this.browser.find("header").getText()).contains("margaret");
		this.browser.screenshot("profile-after-login");

		this.browser.find("header form[action$='/logout'] button").click();
		this.browser.pathIs("/login");
		assertThat(this.browser.find("main").getText()).contains("You have signed out.");

		open("/login");
		submitLogin(this.browser, "MARGARET@example.com", PASSWORD);
		this.browser.pathIs("/profile");
		assertThat(this.browser.find("[data-field=accountEmail]").getText()).isEqualTo("margaret@example.com");
	}

	@Test
	void wrongPasswordShowsTheGenericMessageAndKeepsTheUsername() {
		user("grace", null);
		this.browser.deleteCookies();
		open("/login");
		this.browser.screenshot("login");
		submitLogin(this.browser, "grace", "not-the-password");
		this.browser.textIn("#login-error", GENERIC);
		assertThat(this.browser.query()).isEqualTo("error");
		assertThat(this.browser.find("#username").getDomProperty("value")).isEqualTo("grace");
		assertThat(this.browser.find("#password").getDomProperty("value")).isEmpty();

		submitLogin(this.browser, "nobody-at-all", PASSWORD);
		this.browser.textIn("#login-error", GENERIC);
	}

	@Test
	void fiveWrongPasswordsLockTheAccountUntilTheLockPasses() {
		User user = user("ada", null);
		this.browser.deleteCookies();
		open("/login");
		for (int i = 1; i <= 5; i++) {
			submitLogin(this.browser, "ada", "wrong-password-" + i);
			this.browser.textIn("#login-error", GENERIC);
		}
		Instant lockedUntil = this.users.get(user.getId()).getLockedUntil();
		assertThat(lockedUntil).as("locked for the configured 2 s").isAfter(Instant.now());

		// The right password during the lock gets the same generic answer.
		submitLogin(this.browser, "ada", PASSWORD);
		this.browser.textIn("#login-error", GENERIC);
		assertThat(this.browser.path()).isEqualTo("/login");

		// Keep trying the right password: it works once the lock has passed, not before.
		Instant signedInAt = this.browser.until("sign-in after the lock", (driver) -> {
			submitLogin(this.browser, "ada", PASSWORD);
			this.browser.until((d) -> d.getCurrentUrl().contains("/profile") || d.getCurrentUrl().contains("error"));
			return this.browser.path().equals("/profile") ? Instant.now() : null;
		});
		assertThat(signedInAt).isAfterOrEqualTo(lockedUntil);
		assertThat(this.users.get(user.getId()).getFailedLogins()).isZero();
	}

	@Test
	void suspendedUserIsToldTheAccountIsSuspended() {
		User user = user("suspended-sam", null);
		this.users.changeStatus(user.getId(), UserStatus.SUSPENDED);
		this.browser.deleteCookies();
		open("/login");
		submitLogin(this.browser, "suspended-sam", PASSWORD);
		this.browser.textIn("#login-error", "This account is suspended");
		assertThat(this.browser.path()).isEqualTo("/login");

		// A wrong password does not reveal the suspension.
		submitLogin(this.browser, "suspended-sam", "not-the-password");
		this.browser.textIn("#login-error", GENERIC);
	}

}
