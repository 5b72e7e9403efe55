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

		this.browser.loadsNewPage("signed out",
				() -> this.browser.find("header form[action$='/logout'] button").click());
		assertThat(this.browser.path()).isEqualTo("/login");
		assertThat(this.browser.find("main").getText()).contains("You have signed out.");

		open("/login");
		submitLogin(this.browser, "MARGARET@example.com", PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/profile");
		assertThat(this.browser.find("[data-field=accountEmail]").getText()).isEqualTo("margaret@example.com");
	}

	@Test
	void wrongPasswordShowsTheGenericMessageAndKeepsTheUsername() {
		user("grace", null);
		this.browser.deleteCookies();
		open("/login");
		this.browser.screenshot("login");
		submitLogin(this.browser, "grace", "not-the-password");
		assertThat(this.browser.find("#login-error").getText()).contains(GENERIC);
		// The page comes back in the answer to the POST: no redirect, nothing stored.
		assertThat(this.browser.path()).isEqualTo("/login");
		assertThat(this.browser.query()).isNull();
		assertThat(this.browser.find("#username").getDomProperty("value")).isEqualTo("grace");
		assertThat(this.browser.find("#password").getDomProperty("value")).isEmpty();

		submitLogin(this.browser, "nobody-at-all", PASSWORD);
		assertThat(this.browser.find("#login-error").getText()).contains(GENERIC);
	}

	@Test
	void fiveWrongPasswordsLockTheAccountUntilTheLockPasses() {
		User user = user("ada", null);
		this.browser.deleteCookies();
		open("/login");
		Instant beforeFifth = null;
		for (int i = 1; i <= 5; i++) {
			beforeFifth = Instant.now();
			submitLogin(this.browser, "ada", "wrong-password-" + i);
			assertThat(this.browser.find("#login-error").getText()).contains(GENERIC);
		}
		Instant lockedUntil = this.users.get(user.getId()).getLockedUntil();
		assertThat(lockedUntil).as("locked for the configured 2 s from the fifth failure")
			.isBetween(beforeFifth.plusSeconds(2).minusMillis(1), Instant.now().plusSeconds(2));

		// The right password during the lock gets the same generic answer. The lock is
		// lengthened for this step, so a slow machine cannot let the 2 s pass first.
		this.users.lockUntil(user.getId(), Instant.now().plus(Duration.ofHours(1)));
		submitLogin(this.browser, "ada", PASSWORD);
		assertThat(this.browser.find("#login-error").getText()).contains(GENERIC);
		assertThat(this.browser.path()).isEqualTo("/login");
		this.users.lockUntil(user.getId(), lockedUntil);

		// Keep trying the right password: it works once the lock has passed, not before.
		Instant signedInAt = this.browser.until("sign-in after the lock", (driver) -> {
			submitLogin(this.browser, "ada", PASSWORD);
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
		assertThat(this.browser.find("#login-error").getText()).contains("This account is suspended");
		assertThat(this.browser.path()).isEqualTo("/login");

		// A wrong password does not reveal the suspension.
		submitLogin(this.browser, "suspended-sam", "not-the-password");
		assertThat(this.browser.find("#login-error").getText()).contains(GENERIC);
	}

}
