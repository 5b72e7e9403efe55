package org.roster.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application with Spring Security's own OAuth2 client, set up as the
 * README says, signs its users in through Roster in Chromium: sign-in and consent, the
 * user's claims, refresh, logout from both, "Deny", and a suspension in Roster's admin
 * list ending the user's access in the application.
 */
class SpringClientBrowserTest extends SampleAppBrowserTestSupport {

	@Test
	void theAppSignsInThroughRosterWithConsentShowsTheUserRefreshesAndSignsOutOfBoth() {
		user("paula", "Paula Example");
		openApp("/");
		signInAtRoster("paula");
		assertThat(this.browser.find("#consent-heading").getText()).isEqualTo("Sample app wants to sign you in");
		allow();
		assertThat(this.browser.driver().getCurrentUrl()).as("back where the user set out").startsWith(app + "/?");
		assertThat(this.browser.find("#name").getText()).isEqualTo("Paula Example");
		assertThat(this.browser.find("#username").getText()).isEqualTo("paula");
		assertThat(this.browser.find("#email").getText()).isEqualTo("paula@example.com");
		assertThat(this.browser.find("#roles").getText()).isEqualTo("USER");

		this.browser.loadsNewPage("the app's userinfo page", () -> this.browser.find("#userinfo-link").click());
		assertThat(this.browser.find("#claim-email").getText()).isEqualTo("paula@example.com");
		assertThat(this.browser.find("#claim-name").getText()).isEqualTo("Paula Example");
		String first = this.browser.find("#token-fingerprint").getText();
		openApp("/userinfo");
		assertThat(this.browser.find("#token-fingerprint").getText()).as("refreshed: a new access token")
			.isNotEqualTo(first);
		assertThat(this.browser.find("#claim-preferred_username").getText()).isEqualTo("paula");

		openApp("/");
		this.browser.loadsNewPage("the app after signing out", () -> this.browser.find("#sign-out").click());
		assertThat(this.browser.driver().getCurrentUrl()).isEqualTo(app + "/signed-out");
		assertThat(this.browser.find("#signed-out").getText()).isEqualTo("You are signed out");
		signedOutOfRoster();
		openApp("/");
		this.browser.until("Roster's sign-in page again", (d) -> d.getCurrentUrl().startsWith(url("/login")));
	}

	@Test
	void denyingConsentBringsTheAppAnAccessDeniedError() {
		user("dora", "Dora Denial");
		openApp("/");
		signInAtRoster("dora");
		this.browser.loadsNewPage("the app after Deny", () -> this.browser.find("#consent-deny").click());
		assertThat(this.browser.driver().getCurrentUrl()).isEqualTo(app + "/signin-failed");
		assertThat(this.browser.find("#sign-in-error").getText())
			.isEqualTo("Roster did not sign you in: access_denied");
	}

	@Test
	void suspendingTheUserInRostersAdminListEndsTheirAccessInTheApp() {
		user("sam", "Sam Suspended");
		admin("olivia", "Olivia Bennett");
		openApp("/");
		signInAtRoster("sam");
		allow();
		openApp("/userinfo");
		assertThat(this.browser.find("#claim-email").getText()).isEqualTo("sam@example.com");

		try (Browser admin = ChromiumExtension.launchAnother()) {
			signIn(admin, "olivia");
			admin.get(url("/user_list"));
			admin.find("#user-rows tr[data-username='sam'] .status-toggle").click();
			admin.textIn("#toasts", "sam is now suspended.");
			admin.assertNoErrors();
		}

		openApp("/userinfo");
		assertThat(this.browser.find("#access-ended").getText())
			.isEqualTo("Roster ended your access (invalid_grant): you are signed out of this app.");
		openApp("/");
		this.browser.until("Roster's sign-in page: signed in nowhere",
				(d) -> d.getCurrentUrl().startsWith(url("/login")));
	}

	@Test
	void theReadmeRecipeIsWhatTheSampleAppRuns() throws Exception {
		List<String> recipe = Files.readAllLines(Path.of("src/test/resources/sample-client.properties"))
			.stream()
			.filter((line) -> !line.startsWith("#"))
			.toList();
		List<String> readme = Files.readAllLines(Path.of("README.md")).stream().map(String::strip).toList();
		assertThat(Collections.indexOfSubList(readme, recipe)).as("the recipe, line for line, in README.md")
			.isNotNegative();
	}

}
