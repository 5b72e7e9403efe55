package org.roster.browser;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile → "Where you're signed in" with two browsers: each sees both sessions, this one
 * marked; signing the other out from the list signs it out at its next click. An admin
 * ends a user's sessions from the edit dialog.
 */
class SessionsBrowserTest extends BrowserTestSupport {

	private static final String FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0)"
			+ " Gecko/20100101 Firefox/133.0";

	@Test
	void aUserSignsTheirOtherBrowserOut() {
		user("mara", "Mara Wilson");
		try (Browser other = ChromiumExtension.launchAnother()) {
			other.userAgent(FIREFOX_ON_WINDOWS);
			signIn(other, "mara");
			signIn("mara");

			this.browser.until("both sessions listed", (d) -> rows("#session-list").size() == 2);
			WebElement current = rows("#session-list").get(0);
			assertThat(current.getText()).contains("This one");
			assertThat(current.findElement(By.cssSelector(".session-address")).getText()).isIn("::1", "127.0.0.1");
			assertThat(current.findElements(By.cssSelector(".session-end"))).as("no sign-out for this one").isEmpty();
			WebElement firefox = rows("#session-list").get(1);
			assertThat(firefox.getText()).contains("Firefox 133 on Windows").doesNotContain("This one");
			this.browser.screenshot("sessions", "#sessions");
			assertAccessible("profile with two sessions");

			firefox.findElement(By.cssSelector(".session-end")).click();
			this.browser.textIn("#toasts", "Signed out: Firefox 133 on Windows.");
			this.browser.until("one session left", (d) -> rows("#session-list").size() == 1);

			// The other browser's open page still shows; its next click finds the session
			// gone.
			other.loadsNewPage("the other browser's next page",
					() -> other.find("#sidebar a[href$='/profile']").click());
			assertThat(other.path()).isEqualTo("/login");
			open("/profile");
			this.browser.pathIs("/profile");
			other.assertNoErrors();
		}
	}

	@Test
	void signingOutEverywhereElseLeavesThisBrowser() {
		user("nell", "Nell Harper");
		try (Browser other = ChromiumExtension.launchAnother()) {
			signIn(other, "nell");
			signIn("nell");
			this.browser.until("both sessions listed", (d) -> rows("#session-list").size() == 2);
			this.browser.find("#sessions-end-others").click();
			this.browser.textIn("#toasts", "Sessions ended: 1.");
			this.browser.until("only this one", (d) -> rows("#session-list").size() == 1
					&& rows("#session-list").get(0).getText().contains("This one"));
			other.loadsNewPage("the other browser's next page",
					() -> other.find("#sidebar a[href$='/profile']").click());
			assertThat(other.path()).isEqualTo("/login");
		}
	}

	@Test
	void anAdminSignsAUserOutEverywhereFromTheEditDialog() {
		admin("olga", "Olga Taussky");
		user("pia", "Pia Lindqvist");
		try (Browser pias = ChromiumExtension.launchAnother()) {
			pias.userAgent(FIREFOX_ON_WINDOWS);
			signIn(pias, "pia");
			signIn("olga");
			open("/user_list");
			this.browser.visible("#user-rows tr[data-username='pia'] .btn-edit").click();
			this.browser.modal("edit-user-modal");
			this.browser.textIn("#edit-session-list tbody", "Firefox 133 on Windows");
			assertAccessible("edit dialog with the user's sessions");

			this.browser.find("#edit-sessions-end-all").click();
			this.browser.textIn("#toasts", "Sessions ended: 1.");
			this.browser.visible("#edit-session-list .session-empty");
			pias.loadsNewPage("pia's next page", () -> pias.find("#sidebar a[href$='/profile']").click());
			assertThat(pias.path()).isEqualTo("/login");
		}
	}

	private List<WebElement> rows(String list) {
		return this.browser.findAll(list + " tbody tr");
	}

}
