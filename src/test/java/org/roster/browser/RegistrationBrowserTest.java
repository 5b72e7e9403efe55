package org.roster.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The registration form: live strength bar, live email check, and the way to login. */
class RegistrationBrowserTest extends BrowserTestSupport {

	static final String STRONG = "velvet-harbour-quantum-71";

	@Test
	void strengthBarGoesRedOrangeYellowGreenAndSaysWhichLevelIsAccepted() {
		open("/register");
		assertThat(this.browser.find("#password-strength").getDomAttribute("data-password-min-score"))
			.as("the server's roster.security.password.min-score")
			.isEqualTo("3");
		assertThat(label()).isEqualTo("Type a password · Good or stronger is accepted");

		this.browser.type("#password", "abc");
		waitForScore(0);
		assertThat(barColour()).as("red").isEqualTo("rgba(220, 53, 69, 1)");
		assertThat(barFraction()).isCloseTo(0.10, within(0.02));
		assertThat(label()).isEqualTo("Very weak · at least 8 characters");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-valuenow"))
			.isEqualTo("0");
		this.browser.screenshot("register-weak-password");
		assertAccessible("register, very weak password");

		this.browser.type("#password", "dragonfly");
		waitForScore(1);
		assertThat(barColour()).as("orange").isEqualTo("rgba(253, 126, 20, 1)");
		assertThat(label()).isEqualTo("Weak · Good or stronger is accepted");
		assertAccessible("register, weak password");

		this.browser.type("#password", "tiger2024");
		waitForScore(2);
		assertThat(barColour()).as("yellow").isEqualTo("rgba(255, 193, 7, 1)");
		assertThat(label()).isEqualTo("Fair · Good or stronger is accepted");
		assertAccessible("register, fair password");

		this.browser.type("#password", "tiger2024x");
		waitForScore(3);
		assertThat(barColour()).as("green").isEqualTo("rgba(25, 135, 84, 1)");
		assertThat(label()).isEqualTo("Good · accepted");
		assertAccessible("register, good password");

		this.browser.type("#password", STRONG);
		waitForScore(4);
		assertThat(barColour()).as("green").isEqualTo("rgba(25, 135, 84, 1)");
		assertThat(barFraction()).isCloseTo(1.0, within(0.01));
		assertThat(label()).isEqualTo("Strong · accepted");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-valuetext"))
			.isEqualTo("Strong");
		assertAccessible("register, strong password");
	}

	@Test
	void aPastedEmailIsCheckedToo() {
		user("pasted", null);
		open("/register");
		// What a paste does: an input event, no key going up and no change until the
		// field loses the focus.
		this.browser.script("""
				const email = document.getElementById('email');
				email.focus();
				email.value = 'pasted@example.com';
				email.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
				""");
		this.browser.textIn("#email-error", "This email address is already registered.");
		assertThat(this.browser.focused()).as("still in the field").isEqualTo("email");
	}

	@Test
	void emailAlreadyRegisteredIsReportedWhileTyping() {
		user("taken", null);
		open("/register");
		this.browser.type("#username", "newcomer");
		this.browser.type("#email", "Taken@Example.com");
		this.browser.textIn("#email-error", "This email address is already registered.");
		WebElement email = this.browser.find("#email");
		assertThat(email.getDomAttribute("class")).contains("is-invalid");
		assertThat(this.browser.find("#email-error").isDisplayed()).isTrue();
		assertThat(this.browser.path()).as("nothing submitted yet").isEqualTo("/register");
		this.browser.screenshot("register-email-taken");

		this.browser.type("#email", "free@example.com");
		this.browser.until("the error clears for a free address",
				(d) -> !email.getDomAttribute("class").contains("is-invalid"));
		assertThat(this.browser.find("#email-error").getText()).isEmpty();
	}

	@Test
	void successfulRegistrationLandsOnTheLoginPageWithOneConfirmation() {
		open("/register");
		this.browser.type("#username", "linus");
		this.browser.type("#email", "linus@example.org");
		this.browser.type("#password", STRONG);
		this.browser.type("#passwordConfirm", STRONG);
		waitForScore(4);
		this.browser.screenshot("register");
		this.browser.loadsNewPage("the page after registering",
				() -> this.browser.find("#register-form button[type=submit]").click());
		assertThat(this.browser.path()).isEqualTo("/login");
		String main = this.browser.find("main").getText();
		assertThat(main).containsOnlyOnce(
				"Your account is ready. Open the link we sent to your email address to confirm it, then sign in.");
		assertThat(this.users.findByLogin("linus")).hasValueSatisfying((user) -> {
			assertThat(user.getEmail()).isEqualTo("linus@example.org");
			assertThat(user.getRole().name()).isEqualTo("USER");
		});

		// The browser context requires confirmed addresses: EmailVerificationBrowserTest
		// goes on from here.
		submitLogin(this.browser, "linus", STRONG);
		this.browser.textIn("#login-error", "Confirm your email address first");
	}

	@Test
	void serverSideErrorsAreShownUnderTheirFields() {
		open("/register");
		this.browser.type("#username", "x");
		this.browser.type("#email", "margo@example.org");
		this.browser.type("#password", STRONG);
		this.browser.type("#passwordConfirm", STRONG + "-typo");
		this.browser.loadsNewPage("the form again with its errors",
				() -> this.browser.find("#register-form button[type=submit]").click());
		assertThat(this.browser.find("#username-error").getText()).contains("3 to 32 characters");
		this.browser.textIn("#passwordConfirm-error", "The two passwords differ.");
		assertThat(this.browser.find("#username").getDomAttribute("class")).contains("is-invalid");
		assertThat(this.browser.find("#email").getDomProperty("value")).isEqualTo("margo@example.org");
		assertThat(this.browser.find("#password").getDomProperty("value")).as("passwords are not sent back").isEmpty();
	}

	private void waitForScore(int score) {
		this.browser.until("strength score " + score, (d) -> String.valueOf(score)
			.equals(this.browser.find("#password-strength .strength-bar").getDomAttribute("data-score")));
	}

	private String barColour() {
		return this.browser.find("#password-strength .strength-bar").getCssValue("background-color");
	}

	/** The bar's rendered width as a fraction of its track. */
	private double barFraction() {
		Number fraction = this.browser.script("""
				const bar = document.querySelector('#password-strength .strength-bar');
				return bar.getBoundingClientRect().width / bar.parentElement.getBoundingClientRect().width;
				""");
		return fraction.doubleValue();
	}

	private String label() {
		return this.browser.find("#password-strength-label").getText();
	}

}
