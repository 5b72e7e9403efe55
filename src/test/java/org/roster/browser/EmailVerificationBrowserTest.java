package org.roster.browser;

import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.Outbox;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.TestMail;
import org.roster.user.User;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Confirming addresses from the browser, with mail read from the SMTP server: the browser
 * context requires verification (BrowserTestSupport), so a new account's sign-in is
 * refused with the message and "send the link again", which mails a new link; the mailed
 * link's page confirms the address and the sign-in then works. And a user's own address
 * change, confirmed from the link sent to the new address.
 */
class EmailVerificationBrowserTest extends BrowserTestSupport {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@Autowired
	Outbox outbox;

	@Test
	void aNewAccountConfirmsItsAddressFromTheMailedLinkAndThenSignsIn() throws Exception {
		open("/register");
		this.browser.type("#username", "rosalind");
		this.browser.type("#email", "rosalind@example.org");
		this.browser.type("#password", RegistrationBrowserTest.STRONG);
		this.browser.type("#passwordConfirm", RegistrationBrowserTest.STRONG);
		this.browser.loadsNewPage("the sign-in page after registering",
				() -> this.browser.find("#register-form button[type=submit]").click());
		this.browser.textIn("#registered", "Open the link we sent to your email address to confirm it");
		this.outbox.deliverDue();
		String firstLink = link(only(messagesTo("rosalind@example.org")), "/verify-email");

		submitLogin(this.browser, "rosalind", RegistrationBrowserTest.STRONG);
		assertThat(this.browser.path()).as("not signed in").isEqualTo("/login");
		this.browser.textIn("#login-error", "Confirm your email address first");
		assertThat(this.browser.find("#resend-link").getText()).isEqualTo("Send the link again");
		this.browser.screenshot("sign-in-unverified");
		assertAccessible("sign-in refused for an unconfirmed address");

		this.browser.loadsNewPage("the sign-in page after asking for a new link",
				() -> this.browser.find("#resend-link").click());
		this.browser.textIn("#link-sent", "We sent a new link to your email address.");
		this.outbox.deliverDue();
		List<MimeMessage> mails = messagesTo("rosalind@example.org");
		assertThat(mails).hasSize(2);
		String secondLink = link(mails.get(1), "/verify-email");

		// The used link's page answers 410, which Chromium logs as a failed resource.
		this.browser.allowConsoleError("status of 410");
		open(firstLink);
		this.browser.textIn("main", "This link has expired or was already used");

		open(secondLink);
		this.browser.textIn("#verify-email-page", "rosalind@example.org");
		this.browser.screenshot("verify-email");
		assertAccessible("the confirmation page of a mailed link");
		this.browser.loadsNewPage("the sign-in page after confirming",
				() -> this.browser.find("#verify-email-form button[type=submit]").click());
		this.browser.textIn("#address-verified", "Your email address is confirmed.");

		submitLogin(this.browser, "rosalind", RegistrationBrowserTest.STRONG);
		this.browser.pathIs("/profile");
		assertThat(this.browser.find("#email-unverified").isDisplayed()).isFalse();
	}

	@Test
	void aUserConfirmsTheirNewAddressFromTheLinkSentToIt() throws Exception {
		User user = user("barbara", "Barbara McClintock");
		signIn("barbara");
		this.browser.find("#edit-profile-button").click();
		this.browser.modal("edit-profile-modal");
		this.browser.until("profile loaded", (d) -> this.browser.find("#edit-profile-save").isEnabled());
		this.browser.type("#pf-accountEmail", "maize@example.org");
		this.browser.until("the new address checked", (d) -> this.browser.find("#edit-profile-save").isEnabled());
		this.browser.find("#edit-profile-save").click();
		this.browser.modalClosed("edit-profile-modal");
		this.browser.textIn("#toasts", "We sent a link to maize@example.org");
		this.browser.textIn("#pending-email", "Waiting for confirmation: maize@example.org");
		assertThat(this.browser.find("#profile-details [data-field=accountEmail]").getText())
			.as("the old address until confirmed")
			.isEqualTo("barbara@example.com");
		this.browser.screenshot("profile-email-pending");
		// The modal opens with the change still waiting (pendingEmail in GET and PUT
		// answers); saving again without asking for an address sends no link and says so.
		this.browser.find("#edit-profile-button").click();
		this.browser.modal("edit-profile-modal");
		this.browser.until("profile loaded", (d) -> this.browser.find("#edit-profile-save").isEnabled());
		this.browser.find("#edit-profile-save").click();
		this.browser.modalClosed("edit-profile-modal");
		this.browser.until("the plain saved toast", (d) -> "Your profile has been saved."
			.equals(this.browser.find("#toasts .toast:last-child .toast-body").getText()));
		this.browser.textIn("#pending-email", "Waiting for confirmation: maize@example.org");

		this.outbox.deliverDue();
		String link = link(only(messagesTo("maize@example.org")), "/confirm-email");
		open(link);
		this.browser.textIn("#confirm-email-page", "maize@example.org");
		this.browser.loadsNewPage("the profile after confirming",
				() -> this.browser.find("#confirm-email-form button[type=submit]").click());
		this.browser.pathIs("/profile");
		this.browser.textIn("main .alert-success", "Your account's email address is now maize@example.org.");
		assertThat(this.browser.find("#profile-details [data-field=accountEmail]").getText())
			.isEqualTo("maize@example.org");
		assertThat(this.users.get(user.getId()).isEmailVerified()).isTrue();

		this.outbox.deliverDue();
		assertThat(TestMail.parts(only(messagesTo("barbara@example.com"))).text())
			.contains("changed from barbara@example.com to maize@example.org");
	}

	/** The mailed link, pointed at this test's server instead of roster.public-url. */
	static String link(MimeMessage message, String path) throws Exception {
		String mailed = TestMail.link(message, path);
		assertThat(mailed).startsWith("https://roster.example.test" + path + "?token=");
		return mailed.replace("https://roster.example.test", "");
	}

	static MimeMessage only(List<MimeMessage> messages) {
		assertThat(messages).hasSize(1);
		return messages.get(0);
	}

	private static List<MimeMessage> messagesTo(String address) {
		return Mailbox.of(smtp, address);
	}

}
