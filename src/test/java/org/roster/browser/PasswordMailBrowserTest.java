package org.roster.browser;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.Outbox;
import org.roster.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ways to a password through the mail, as people go them: "Forgot your password?"
 * from the sign-in page, and an admin's invitation from the console. The mail is read
 * from the SMTP server the application sends to; its link is opened on this server (it
 * names roster.public-url, https://roster.example.test).
 */
class PasswordMailBrowserTest extends BrowserTestSupport {

	static final String PUBLIC_URL = "https://roster.example.test";

	static final String NEW_PASSWORD = "velvet-harbour-quantum-71";

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@Autowired
	Outbox outbox;

	@Test
	void forgotPasswordMailResetFormWithStrengthBarThenSignInWithTheNewPassword() throws Exception {
		user("katherine", "Katherine Johnson");
		this.browser.deleteCookies();
		open("/login");
		this.browser.loadsNewPage("the forgot-password page", () -> this.browser.find("#forgot-password-link").click());
		assertThat(this.browser.path()).isEqualTo("/forgot-password");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Forgot your password?");
		assertAccessible("forgot-password page");
		this.browser.type("#login", "katherine@example.com");
		this.browser.loadsNewPage("the answer", () -> this.browser.find("#forgot-form button[type=submit]").click());
		this.browser.textIn("#forgot-sent", "Check your mail");
		this.browser.screenshot("forgot-password-sent");
		assertAccessible("forgot-password answer");

		String link = mailedLink("katherine@example.com", 1);
		open(link.substring(PUBLIC_URL.length()));
		assertThat(this.browser.path()).isEqualTo("/reset-password");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Choose a new password");
		assertThat(this.browser.find("#password-strength").getDomAttribute("data-password-min-score")).isEqualTo("3");
		assertThat(label()).isEqualTo("Type a password · Good or stronger is accepted");
		this.browser.type("#password", "dragonfly");
		this.browser.until("a weak score",
				(d) -> "1".equals(this.browser.find("#password-strength").getDomAttribute("data-score")));
		assertThat(label()).isEqualTo("Weak · Good or stronger is accepted");
		this.browser.type("#password", NEW_PASSWORD);
		this.browser.until("a strong score",
				(d) -> "4".equals(this.browser.find("#password-strength").getDomAttribute("data-score")));
		assertThat(label()).isEqualTo("Strong · accepted");
		this.browser.screenshot("reset-password");
		assertAccessible("reset-password form");

		// A confirmation that differs: the form comes back with the token and the error.
		this.browser.type("#passwordConfirm", NEW_PASSWORD + "!");
		this.browser.loadsNewPage("the form again", () -> this.browser.find("#reset-form button[type=submit]").click());
		this.browser.textIn("#passwordConfirm-error", "The two passwords differ.");
		assertAccessible("reset-password form with an error");
		this.browser.type("#password", NEW_PASSWORD);
		this.browser.type("#passwordConfirm", NEW_PASSWORD);
		this.browser.loadsNewPage("the sign-in page",
				() -> this.browser.find("#reset-form button[type=submit]").click());
		assertThat(this.browser.path()).isEqualTo("/login");
		this.browser.textIn("#password-set", "Your password is set. Sign in with it.");

		submitLogin(this.browser, "katherine", PASSWORD);
		assertThat(this.browser.find("#login-error").getText()).as("the old password no longer works")
			.contains(LoginBrowserTest.GENERIC);
		submitLogin(this.browser, "katherine", NEW_PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/profile");

		// The used link says so and offers a new one.
		open(link.substring(PUBLIC_URL.length()));
		assertThat(this.browser.find("h1").getText()).isEqualTo("This link has expired or was already used");
		this.browser.allowConsoleError("status of 410");
	}

	@Test
	void anAdminInvitesFromTheConsoleAndTheInviteeChoosesAPasswordAndSignsIn() throws Exception {
		admin("grace", "Grace Hopper");
		signIn("grace");
		open("/user_list");
		this.browser.find("#add-user-button").click();
		this.browser.modal("add-user-modal");
		assertThat(this.browser.focused()).isEqualTo("add-username");
		assertAccessible("add user modal");

		// A taken username comes back under its field.
		this.browser.allowConsoleError("status of 409");
		this.browser.type("#add-username", "Grace");
		this.browser.type("#add-email", "someone@example.com");
		this.browser.find("#add-user-save").click();
		this.browser.textIn("#add-username-error", "Already taken.");
		assertAccessible("add user modal with an error");

		this.browser.type("#add-username", "dorothy");
		this.browser.type("#add-email", "dorothy@example.com");
		this.browser.type("#add-fullName", "Dorothy Vaughan");
		this.browser.screenshot("add-user");
		this.browser.loadsNewPage("the list again", () -> this.browser.find("#add-user-save").click());
		this.browser.textIn("#toasts", "Invitation for dorothy sent to dorothy@example.com.");
		assertThat(this.browser.find("#user-rows tr[data-username='dorothy'] .invited-badge").getText())
			.isEqualTo("invited");
		assertThat(this.browser.find("#user-rows tr[data-username='dorothy'] .cell-fullname").getText())
			.isEqualTo("Dorothy Vaughan");

		// The edit modal offers the invitation again (not a reset link) and sends it.
		this.browser.find("#user-rows tr[data-username='dorothy'] .btn-edit").click();
		this.browser.modal("edit-user-modal");
		this.browser.until("user loaded", (d) -> this.browser.find("#edit-save").isEnabled());
		assertThat(this.browser.find("#edit-resend-invitation").isDisplayed()).isTrue();
		assertThat(this.browser.find("#edit-send-reset").isDisplayed()).isFalse();
		assertAccessible("edit user modal of an invited user");
		this.browser.find("#edit-resend-invitation").click();
		this.browser.textIn("#toasts", "Invitation sent to dorothy@example.com.");
		this.browser.find("#edit-user-modal .btn-close").click();
		this.browser.modalClosed("edit-user-modal");

		// The newer invitation is the one that works.
		String link = mailedLink("dorothy@example.com", 2);
		this.browser.deleteCookies();
		open(link.substring(PUBLIC_URL.length()));
		assertThat(this.browser.find("h1").getText()).isEqualTo("Choose your password");
		assertThat(this.browser.find("#reset-welcome").getText()).contains("Welcome to Roster, dorothy.");
		this.browser.type("#password", NEW_PASSWORD);
		this.browser.until("a strong score",
				(d) -> "4".equals(this.browser.find("#password-strength").getDomAttribute("data-score")));
		this.browser.type("#passwordConfirm", NEW_PASSWORD);
		this.browser.screenshot("invitation-choose-password");
		assertAccessible("invitation form");
		this.browser.loadsNewPage("the sign-in page",
				() -> this.browser.find("#reset-form button[type=submit]").click());
		this.browser.textIn("#password-set", "Your password is set.");
		submitLogin(this.browser, "dorothy", NEW_PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/profile");
		assertThat(this.browser.find("header").getText()).contains("dorothy");

		// Back in the console, dorothy is no longer invited: the modal offers a reset
		// link.
		signIn("grace");
		open("/user_list");
		assertThat(this.browser.find("#user-rows tr[data-username='dorothy'] .invited-badge").isDisplayed()).isFalse();
		this.browser.find("#user-rows tr[data-username='dorothy'] .btn-edit").click();
		this.browser.modal("edit-user-modal");
		this.browser.until("user loaded", (d) -> this.browser.find("#edit-save").isEnabled());
		assertThat(this.browser.find("#edit-resend-invitation").isDisplayed()).isFalse();
		this.browser.find("#edit-send-reset").click();
		this.browser.textIn("#toasts", "Password-reset link sent to dorothy@example.com.");
	}

	/**
	 * Delivers the outbox and returns the link of the newest message to the address, of
	 * which {@code count} have arrived (the classes share one application, whose outbox
	 * may still hold other tests' notices).
	 */
	private String mailedLink(String recipient, int count) throws Exception {
		this.outbox.deliverDue();
		List<MimeMessage> received = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(recipient)) {
				received.add(message);
			}
		}
		assertThat(received).hasSize(count);
		String link = TestMail.link(received.get(count - 1), "/reset-password");
		assertThat(link).startsWith(PUBLIC_URL + "/reset-password?token=");
		return link;
	}

	private String label() {
		return this.browser.find("#password-strength .strength-label").getText();
	}

}
