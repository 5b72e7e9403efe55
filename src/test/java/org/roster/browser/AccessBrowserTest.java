package org.roster.browser;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open which page: the rendered 403 and 404 pages and the way to login. */
class AccessBrowserTest extends BrowserTestSupport {

	@Test
	void plainUserGetsTheAccessDeniedPageForTheUserList() {
		user("plain", "Plain User");
		signIn("plain");
		assertThat(this.browser.findAll("#sidebar a[href$='/user_list']")).as("no admin link").isEmpty();
		// Chromium logs the 403 status of the page itself.
		this.browser.allowConsoleError("status of 403");

		open("/user_list");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Access denied");
		assertThat(this.browser.find(".error-page").getText()).contains("403")
			.contains("You do not have permission to see this page");
		assertThat(this.browser.driver().getTitle()).isEqualTo("Access denied · Roster");
		assertThat(this.browser.find("header").getText()).as("still signed in, with the layout").contains("plain");
		this.browser.screenshot("access-denied");

		this.browser.loadsNewPage("the profile", () -> this.browser.find(".error-page a.btn").click());
		assertThat(this.browser.path()).isEqualTo("/profile");
	}

	@Test
	void anonymousVisitorsAreSentToLoginAndComeBackAfterSigningIn() {
		admin("root-admin", "Root Admin");
		this.browser.deleteCookies();
		open("/user_list");
		this.browser.pathIs("/login");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Sign in");

		submitLogin(this.browser, "root-admin", PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/user_list");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Users");

		this.browser.deleteCookies();
		open("/profile");
		this.browser.pathIs("/login");
	}

	@Test
	void unknownPageShowsTheNotFoundPage() {
		user("wanderer", null);
		signIn("wanderer");
		this.browser.allowConsoleError("status of 404");
		open("/no-such-page");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Page not found");
		assertThat(this.browser.find(".error-page").getText()).contains("404");
	}

}
