package org.roster.browser;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A single-page app (a static page and a JavaScript module, served from another origin
 * than Roster's) signs its user in as a public client in Chromium: authorization code
 * with PKCE S256 through WebCrypto, the code exchanged and userinfo called with fetch
 * across origins (Roster's CORS), renewal without a refresh token, and logout.
 */
class SinglePageAppBrowserTest extends SampleAppBrowserTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theSpaSignsInWithPkceReadsUserinfoAcrossOriginsRenewsAndSignsOut() {
		user("sofia", "Sofía Martínez");
		openApp("/spa/");
		this.browser.textIn("#spa-status", "Not signed in.");
		this.browser.loadsNewPage("Roster's sign-in page", () -> this.browser.find("#sign-in").click());
		signInAtRoster("sofia");
		assertThat(this.browser.find("#consent-heading").getText())
			.isEqualTo("Sample single-page app wants to sign you in");
		allow();
		this.browser.textIn("#spa-status", "Signed in, tokens until");
		assertThat(this.browser.driver().getCurrentUrl()).as("the code is gone from the address")
			.isEqualTo(app + "/spa/");
		assertThat(this.browser.find("#spa-name").getText()).isEqualTo("Sofía Martínez");
		assertThat(this.browser.find("#spa-email").getText()).isEqualTo("sofia@example.com");
		assertThat(this.browser.find("#spa-roles").getText()).isEqualTo("USER");
		assertThat(grants()).isEqualTo(1);

		this.browser.loadsNewPage("the app after renewing", () -> this.browser.find("#renew").click());
		this.browser.textIn("#spa-status", "Signed in, tokens until");
		assertThat(this.browser.find("#spa-preferred_username").getText()).isEqualTo("sofia");
		assertThat(grants()).as("new tokens, without asking the user").isEqualTo(2);

		this.browser.loadsNewPage("the app after signing out", () -> this.browser.find("#sign-out").click());
		this.browser.textIn("#spa-status", "Signed out of Roster.");
		assertThat(this.browser.findAll("#spa-name")).isEmpty();
		signedOutOfRoster();
	}

	/** The SPA's grants in Roster: one per sign-in or renewal. */
	private int grants() {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM oauth2_authorization a JOIN oauth2_registered_client c"
					+ " ON c.id = a.registered_client_id WHERE c.client_name = 'Sample single-page app'"
					+ " AND a.access_token_value IS NOT NULL")
			.query(Integer.class)
			.single();
	}

}
