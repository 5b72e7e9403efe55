package org.roster.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The registration form: live strength bar, live email check, and the way to login. */
class RegistrationBrowserTest extends BrowserTestSupport {

	static final String STRONG = "velvet-harbour-quantum-71";

	@Test
	void strengthBarGoesFromNarrowRedToFullGreen() {
		open("/register");
		assertThat(label()).isEqualTo("Type a password");

		this.browser.type("#password", "abc");
		waitForScore(0);
		assertThat(barClasses()).contains("bg-danger").doesNotContain("bg-success");
		assertThat(barFraction()).isCloseTo(0.10, within(0.02));
		assertThat(label()).isEqualTo("Very weak · at least 8 characters");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-valuenow"))
			.isEqualTo("0");
		this.browser.screenshot("register-weak-password");

		this.browser.type("#password", STRONG);
		waitForScore(4);
		assertThat(barClasses()).contains("bg-success").doesNotContain("bg-danger");
		assertThat(barFraction()).isCloseTo(1.0, within(0.01));
		assertThat(label()).isEqualTo("Strong");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-valuetext"))
			.isEqualTo("Strong");
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
		assertThat(main).containsOnlyOnce("Your account is ready. Sign in to continue.");
		assertThat(this.users.findByLogin("linus")).hasValueSatisfying((user) -> {
			assertThat(user.getEmail()).isEqualTo("linus@example.org");
			assertThat(user.getRole().name()).isEqualTo("USER");
		});

		submitLogin(this.browser, "linus", STRONG);
		assertThat(this.browser.path()).isEqualTo("/profile");
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

	private String barClasses() {
		return this.browser.find("#password-strength .strength-bar").getDomAttribute("class");
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
