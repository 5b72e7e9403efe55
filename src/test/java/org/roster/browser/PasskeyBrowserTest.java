package org.roster.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.roster.user.User;
import org.roster.user.UserStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys in Chromium with a virtual authenticator (CTAP2, resident keys, user
 * verification): adding one on the profile, signing in with it without typing a username,
 * renaming and removing it (after which it signs nobody in), another account's passkey
 * never signing in as this one, and the current password when the sign-in is not recent.
 * The server runs on a port chosen here, so that {@code roster.public-url} (the passkeys'
 * origin) is its address.
 */
class PasskeyBrowserTest extends BrowserTestSupport {

	private static final int PORT = freePort();

	private static final String REFUSED = "This passkey did not sign you in.";

	@DynamicPropertySource
	static void publicUrl(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("roster.public-url", () -> "http://localhost:" + PORT);
		registry.add("spring.datasource.url", () -> "jdbc:h2:mem:roster-passkeys;DB_CLOSE_DELAY=-1");
	}

	private VirtualAuthenticator authenticator;

	@BeforeEach
	void addAuthenticator() {
		this.authenticator = addAuthenticator(this.browser);
	}

	@AfterEach
	void removeAuthenticator() {
		((HasVirtualAuthenticator) this.browser.driver()).removeVirtualAuthenticator(this.authenticator);
	}

	@Test
	void addsAPasskeySignsInWithItWithoutAUsernameRenamesAndRemovesIt() {
		User ada = user("ada", "Ada Lovelace");
		signIn("ada");
		assertThat(this.browser.find("#passkeys-empty").getText()).isEqualTo("No passkeys yet.");
		addPasskey(this.browser, "Laptop");
		assertThat(this.browser.find("#passkey-list .passkey-label").getText()).isEqualTo("Laptop");
		assertThat(this.browser.find("#passkey-list .passkey-last-used").getText())
			.isEqualTo("not used to sign in yet");
		assertThat(this.authenticator.getCredentials()).singleElement()
			.satisfies((credential) -> assertThat(credential.isResidentCredential()).isTrue());
		assertThat(mailsTo(ada)).containsExactly("passkey-added");
		this.browser.screenshot("profile-passkeys", "#sign-in-methods");

		signOut();
		signInFromTheUsernameField();
		assertThat(this.browser.find("header").getText()).contains("ada");
		assertThat(this.browser.find("#passkey-list .passkey-last-used").getText()).startsWith("last used ");
		signOut();
		signInWithTheButton();
		assertThat(this.browser.find("header").getText()).contains("ada");

		WebElement row = this.browser.find("#passkey-list .passkey-item");
		WebElement label = row.findElement(By.name("label"));
		label.clear();
		label.sendKeys("Work laptop");
		this.browser.loadsNewPage("renamed", () -> row.findElement(By.cssSelector(".passkey-rename-submit")).click());
		assertThat(this.browser.find("main").getText()).contains("Passkey renamed to Work laptop.");
		assertThat(this.browser.find("#passkey-list .passkey-label").getText()).isEqualTo("Work laptop");

		this.browser.loadsNewPage("removed", () -> this.browser.find("#passkey-list .passkey-remove-submit").click());
		assertThat(this.browser.find("main").getText()).contains("Passkey removed. It no longer signs you in.");
		assertThat(this.browser.findAll("#passkey-list")).isEmpty();
		assertThat(mailsTo(ada)).containsExactly("passkey-added", "passkey-renamed", "passkey-removed");

		// The authenticator still has it; the server no longer does.
		signOut();
		passkeyRefused(REFUSED);
	}

	@Test
	void anotherAccountsPasskeyNeverSignsInAsThisOne() {
		User grace = user("grace", null);
		user("hopper", null);
		signIn("hopper");
		addPasskey(this.browser, "Hopper's key");
		Credential hoppers = this.authenticator.getCredentials().get(0);
		signOut();
		// Signing in with it is signing in as its owner.
		signInFromTheUsernameField();
		assertThat(this.browser.find("header").getText()).contains("hopper").doesNotContain("grace");
		signOut();

		// The same key, presented as grace's (her user handle): refused.
		byte[] gracesHandle = userHandleOf(grace);
		this.authenticator.removeAllCredentials();
		this.authenticator.addCredential(Credential.createResidentCredential(hoppers.getId(), "localhost",
				hoppers.getPrivateKey(), gracesHandle, hoppers.getSignCount() + 10));
		passkeyRefused(REFUSED);
		assertThat(this.browser.findAll("header form[action$='/logout']")).isEmpty();
	}

	@Test
	void aSuspendedAccountsPasskeyIsRefused() {
		User joan = user("joan", null);
		signIn("joan");
		addPasskey(this.browser, "Phone");
		signOut();
		this.users.changeStatus(joan.getId(), UserStatus.SUSPENDED);
		passkeyRefused("This account is suspended. Contact an administrator.");
	}

	@Test
	void withoutARecentSignInTheCurrentPasswordConfirms() {
		user("edith", null);
		signIn("edith");
		// As if the sign-in were older than roster.security.recent-sign-in.
		jdbc().update("DELETE FROM SPRING_SESSION_ATTRIBUTES WHERE ATTRIBUTE_NAME = 'roster.recentSignIn'");
		open("/profile");
		this.browser.type("#passkey-new-label", "Desk key");
		this.browser.type("#passkey-new-password", "not-the-password");
		this.browser.allowConsoleError("400");
		this.browser.find("#passkey-add").click();
		this.browser.textIn("#passkey-new-password-error", "The password is not right.");
		assertThat(this.authenticator.getCredentials()).isEmpty();
		this.browser.type("#passkey-new-password", PASSWORD);
		this.browser.loadsNewPage("the profile with the new passkey", () -> this.browser.find("#passkey-add").click());
		assertThat(this.browser.find("#passkey-list .passkey-label").getText()).isEqualTo("Desk key");
		// The password made the session's proof recent again: no password asked now.
		assertThat(this.browser.findAll("#passkey-new-password")).isEmpty();
	}

	@Test
	void theSignInPageOffersPasskeysInTheUsernameField() {
		open("/login");
		assertThat(this.browser.find("#username").getDomAttribute("autocomplete")).isEqualTo("username webauthn");
		assertThat(this.browser.find("#passkey-sign-in").isDisplayed()).isTrue();
		assertAccessible("the sign-in page with its passkey button");
	}

	static VirtualAuthenticator addAuthenticator(Browser browser) {
		return ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(authenticatorOptions());
	}

	/**
	 * A platform authenticator that keeps passkeys and verifies its user (PIN,
	 * biometric).
	 */
	static VirtualAuthenticatorOptions authenticatorOptions() {
		return new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true)
			.setIsUserConsenting(true);
	}

	/** "Add a passkey" on the profile (a recent sign-in: no password asked). */
	static void addPasskey(Browser browser, String label) {
		browser.type("#passkey-new-label", label);
		browser.find("#passkey-add").click();
		// The page reloads with the passkey listed, or the form says what failed. Three
		// calls and the authenticator: a longer wait than one page's.
		String outcome = new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
			.withMessage("passkey " + label + " listed or refused")
			.ignoring(StaleElementReferenceException.class)
			.until((d) -> {
				List<WebElement> errors = d.findElements(By.id("passkey-add-error"));
				String error = errors.isEmpty() ? "" : errors.get(0).getText();
				if (!error.isEmpty()) {
					return "refused: " + error;
				}
				boolean listed = d.findElements(By.cssSelector("#passkey-list .passkey-label"))
					.stream()
					.anyMatch((element) -> element.getText().equals(label));
				return listed ? "listed" : null;
			});
		assertThat(outcome).isEqualTo("listed");
	}

	private void signOut() {
		this.browser.deleteCookies();
	}

	/**
	 * Opens the sign-in page, whose username field offers the passkeys (conditional
	 * mediation); the virtual authenticator picks its passkey at once, as a person would
	 * from the list.
	 */
	private void signInFromTheUsernameField() {
		open("/login");
		this.browser.pathIs("/profile");
	}

	/**
	 * "Sign in with a passkey": the authenticator is plugged in only once the page's
	 * autofill request waits (it finds no passkey then), so the button's request is the
	 * one answered.
	 */
	private void signInWithTheButton() {
		HasVirtualAuthenticator driver = (HasVirtualAuthenticator) this.browser.driver();
		List<Credential> passkeys = this.authenticator.getCredentials();
		driver.removeVirtualAuthenticator(this.authenticator);
		open("/login");
		this.browser.visible("#passkey-sign-in");
		this.authenticator = addAuthenticator(this.browser);
		passkeys.forEach(this.authenticator::addCredential);
		this.browser.loadsNewPage("the profile after a passkey sign-in",
				() -> this.browser.find("#passkey-sign-in").click());
		this.browser.pathIs("/profile");
	}

	/**
	 * Both ways of signing in with the authenticator's passkey are refused with the
	 * message.
	 */
	private void passkeyRefused(String message) {
		// The browser logs each refused sign-in (401) as a failed resource.
		this.browser
			.allowConsoleError("/login/webauthn - Failed to load resource: the server responded with a status of 401");
		open("/login");
		this.browser.textIn("#passkey-error", message);
		this.browser.find("#passkey-sign-in").click();
		this.browser.textIn("#passkey-error", message);
		assertThat(this.browser.path()).isEqualTo("/login");
		assertThat(this.browser.findAll("header form[action$='/logout']")).isEmpty();
	}

	/**
	 * The user's handle as Spring Security keeps it (made here: the user has no passkey).
	 */
	private byte[] userHandleOf(User user) {
		byte[] handle = new byte[32];
		new SecureRandom().nextBytes(handle);
		jdbc().update("INSERT INTO user_entities (id, name, display_name) VALUES (?, ?, ?)",
				Base64.getUrlEncoder().withoutPadding().encodeToString(handle), user.getUsername(), user.getUsername());
		return handle;
	}

	private List<String> mailsTo(User user) {
		return jdbc().queryForList(
				"SELECT template FROM mail_outbox WHERE user_id = ? AND template LIKE 'passkey-%'" + " ORDER BY id",
				String.class, user.getId());
	}

	private JdbcTemplate jdbc() {
		return new JdbcTemplate(this.dataSource);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
