package org.roster.browser;

import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.Outbox;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.TestProviders;
import org.roster.user.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with another account in Chromium, at a real OpenID Connect provider's own
 * login page ({@link TestProviders#registerInteractive}: the person types a subject and
 * the claims JSON there, as they would sign in at Google or Keycloak): sign-up with a
 * confirmed address, sign-up after giving an address, and linking and removing the
 * provider on the profile. The providers make this a context of its own, on a database of
 * its own (another class's context may still be running on the shared one).
 */
class ExternalSignInBrowserTest extends BrowserTestSupport {

	/** The provider's login page loads a web font; nothing may reach the internet. */
	private static final String WEB_FONTS = "*fonts.googleapis.com*";

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		TestProviders.registerInteractive(registry);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:roster-browser-external;DB_CLOSE_DELAY=-1");
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	@BeforeEach
	void noInternet() {
		this.browser.block(WEB_FONTS);
	}

	@Test
	void aNewPersonSignsUpAtTheProviderAndLandsOnTheirProfile() {
		this.browser.deleteCookies();
		open("/login");
		assertThat(this.browser.find("#external-oidc").getText()).isEqualTo("Continue with Test ID");
		assertThat(this.browser.find("#external-github").getText()).isEqualTo("Continue with GitHub");
		this.browser.screenshot("sign-in-providers");
		assertAccessible("sign-in page with the provider buttons");

		continueWith("oidc");
		signInAtProvider("subject-ada", """
				{"email": "ada@example.com", "email_verified": true, "name": "Ada Lovelace",
				 "preferred_username": "ada"}""");
		this.browser.pathIs("/profile");
		assertThat(this.browser.find("#profile-details [data-field=accountEmail]").getText())
			.isEqualTo("ada@example.com");
		assertThat(this.browser.find("#profile-details [data-field=fullName]").getText()).isEqualTo("Ada Lovelace");
		assertThat(this.browser.find("#sign-in-methods h2").getText()).isEqualTo("Sign-in methods");
		assertThat(this.browser.find("#method-password").getText()).contains("Not set", "Mail me a link to set one");
		assertThat(this.browser.find("#method-oidc").getText()).contains("Test ID", "ada@example.com · linked on");
		assertThat(this.browser.find("#unlink-oidc").getText()).isEqualTo("Remove");
		assertThat(this.browser.find("#link-github").getText()).isEqualTo("Link");
		assertAccessible("profile with the sign-in methods card");

		User ada = this.users.findByLogin("ada").orElseThrow();
		assertThat(ada.isEmailVerified()).as("the provider vouched for the address").isTrue();
		assertThat(ada.hasPassword()).isFalse();
		assertThat(identities(ada)).containsExactly("oidc subject-ada");
	}

	@Test
	void aPersonWithoutAConfirmedAddressGivesOneAndGetsAnAccount() throws Exception {
		User taken = user("grace", "Grace Hopper");
		this.browser.deleteCookies();
		open("/login");
		continueWith("oidc");
		String claims = """
				{"email": "%s", "email_verified": false, "preferred_username": "mallory"}"""
			.formatted(taken.getEmail());
		signInAtProvider("subject-mallory", claims);
		this.browser.pathIs("/login/external");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Signed in with Test ID");
		assertThat(this.browser.find("#external-reason").getText())
			.startsWith("Test ID did not tell us a confirmed email address.");
		assertThat(this.browser.find("#email").getDomProperty("value")).as("the provider's address, as a suggestion")
			.isEqualTo(taken.getEmail());
		assertAccessible("page asking for an address");
		inGerman();

		this.browser.loadsNewPage("the page with the address refused",
				() -> this.browser.find("#external-email-form button[type=submit]").click());
		assertThat(this.browser.find("#email").getDomAttribute("class")).contains("is-invalid");
		this.browser.textIn("#email-error", "An account already uses this address.");
		assertAccessible("page asking for an address, with the address refused");
		assertThat(identities(taken)).as("an unconfirmed address never reaches its account").isEmpty();

		this.browser.type("#email", "mallory@example.org");
		this.browser.loadsNewPage("the sign-in page after giving an address",
				() -> this.browser.find("#external-email-form button[type=submit]").click());
		this.browser.pathIs("/login");
		this.browser.textIn("#registered", "Open the link we sent to your email address to confirm it");
		User mallory = this.users.findByLogin("mallory").orElseThrow();
		assertThat(mallory.getEmail()).isEqualTo("mallory@example.org");
		assertThat(mallory.isEmailVerified()).isFalse();
		assertThat(identities(mallory)).containsExactly("oidc subject-mallory");

		this.outbox.deliverDue();
		open(EmailVerificationBrowserTest
			.link(EmailVerificationBrowserTest.only(Mailbox.of(smtp, "mallory@example.org")), "/verify-email"));
		this.browser.loadsNewPage("the sign-in page after confirming",
				() -> this.browser.find("#verify-email-form button[type=submit]").click());
		this.browser.textIn("#address-verified", "Your email address is confirmed.");
		continueWith("oidc");
		signInAtProvider("subject-mallory", claims);
		this.browser.pathIs("/profile");
		assertThat(this.browser.find("#profile-details [data-field=accountEmail]").getText())
			.isEqualTo("mallory@example.org");
		assertThat(this.users.get(taken.getId()).getEmail()).isEqualTo("grace@example.com");
	}

	@Test
	void anExistingAccountLinksTheProviderOnItsProfileAndRemovesIt() {
		User erin = user("erin", "Erin Example");
		signIn("erin");
		assertThat(this.browser.find("#method-password").getText()).contains("Set");
		assertThat(this.browser.findAll("#unlink-oidc")).isEmpty();

		this.browser.loadsNewPage("the provider's login page", () -> this.browser.find("#link-oidc").click());
		signInAtProvider("subject-erin", """
				{"email": "erin@provider.example", "email_verified": true, "preferred_username": "erin-at-test-id"}""");
		this.browser.pathIs("/profile");
		this.browser.textIn("#sign-in-methods-notice", "Your Test ID account is linked: you can sign in with it now.");
		assertThat(this.browser.find("#method-oidc").getText()).contains("erin@provider.example · linked on",
				"last used");
		assertThat(identities(erin)).containsExactly("oidc subject-erin");
		assertThat(this.users.findByLogin("erin-at-test-id")).as("no account of its own").isEmpty();
		open("/profile");
		assertThat(this.browser.findAll("#sign-in-methods-notice")).as("said once").isEmpty();
		this.browser.screenshot("profile-sign-in-methods", "#sign-in-methods");

		this.browser.loadsNewPage("the profile after removing the link",
				() -> this.browser.find("#unlink-oidc").click());
		this.browser.textIn("#sign-in-methods-notice", "Your Test ID account is no longer linked.");
		assertThat(this.browser.find("#link-oidc").getText()).isEqualTo("Link");
		assertThat(identities(erin)).isEmpty();
		assertThat(this.users.get(erin.getId()).isActive()).isTrue();
	}

	/** Clicks the provider's button (or Link) and waits for the provider's page. */
	private void continueWith(String registrationId) {
		this.browser.loadsNewPage("the provider's login page",
				() -> this.browser.find("#external-" + registrationId).click());
	}

	/**
	 * Signs in on the provider's own login page: a subject and the claims it vouches for.
	 */
	private void signInAtProvider(String subject, String claims) {
		assertThat(this.browser.path()).as("at the provider").isEqualTo("/oidc/authorize");
		assertThat(this.browser.driver().getCurrentUrl()).doesNotStartWith(url("/"));
		this.browser.type("input[name=username]", subject);
		this.browser.type("textarea[name=claims]", claims);
		this.browser.loadsNewPage("Roster after the provider's sign-in",
				() -> this.browser.find("input[type=submit]").click());
	}

	/** The German texts of the page asking for an address, then back to English. */
	private void inGerman() {
		open("/login/external?lang=de");
		assertThat(this.browser.driver().getTitle()).isEqualTo("Noch ein Schritt · Roster");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Mit Test ID angemeldet");
		assertThat(this.browser.find("#external-reason").getText())
			.isEqualTo("Test ID hat uns keine bestätigte E-Mail-Adresse genannt. Welche Adresse soll Ihr neues Konto"
					+ " verwenden? Wir schicken Ihnen einen Link, um sie zu bestätigen.");
		assertThat(this.browser.find("label[for=email]").getText()).isEqualTo("E-Mail");
		assertThat(this.browser.find("#email-help").getText())
			.isEqualTo("Wir schicken einen Link an diese Adresse, um sie zu bestätigen.");
		assertThat(this.browser.find("#external-email-form button[type=submit]").getText())
			.isEqualTo("Mein Konto anlegen");
		assertThat(this.browser.find("h2").getText())
			.isEqualTo("Sie haben schon ein Konto? Verknüpfen Sie Test ID damit");
		assertThat(this.browser.find("#external-link-submit").getText()).isEqualTo("Anmelden und Test ID verknüpfen");
		assertThat(this.browser.find("#external-cancel").getText()).isEqualTo("Abbrechen");
		GermanBrowserTest.assertNoEnglish(this.browser, "page asking for an address");
		open("/login/external?lang=en");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Signed in with Test ID");
	}

	/** The user's links, as "provider subject". */
	private List<String> identities(User user) {
		return this.jdbc.sql("SELECT provider, subject FROM user_identities WHERE user_id = ? ORDER BY provider")
			.param(user.getId())
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
			.list();
	}

}
