package org.roster.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.roster.user.User;
import org.roster.user.UserStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One pass of the suite in German (issue 12): registration with the live strength bar and
 * email check, signing in, the profile modal's errors and toast, and the admin's user
 * list. Chromium asks for English ({@code --lang=en-GB}); each test switches as a user
 * does, with the footer's "Deutsch" link, and every later page, script text and server
 * answer must be German through the {@code ROSTER_LANG} cookie alone. The texts asserted
 * are those of {@code messages_de.properties} (and zxcvbn4j's German hints). The cookie
 * cannot reach other classes: {@link ChromiumExtension} gives each class its own Chromium
 * and closes it after the class.
 */
class GermanBrowserTest extends BrowserTestSupport {

	static final String STRONG = RegistrationBrowserTest.STRONG;

	/** zxcvbn4j's German strength hints, the only ones a German page may show. */
	static final Set<String> GERMAN_HINTS = germanHints();

	/**
	 * The English bundle's texts that German says otherwise, as whole words (the parts
	 * between placeholders, of 4 characters or more): none may show on a German page.
	 */
	static final List<String> ENGLISH_TEXTS = englishTexts();

	/**
	 * What a page says: its title, visible text, hidden labels and texts in attributes.
	 */
	static final String PAGE_TEXT = """
			const parts = [document.title, document.body.innerText];
			document.querySelectorAll('*').forEach((element) => {
			  ['aria-label', 'aria-valuetext', 'title', 'placeholder', 'alt'].forEach((attribute) => {
			    if (element.getAttribute(attribute)) parts.push(element.getAttribute(attribute));
			  });
			  if (element.matches('.visually-hidden, option, caption')) parts.push(element.textContent);
			});
			return parts.join('\\n');
			""";

	@Test
	void registrationPageStrengthBarAndEmailCheckSpeakGerman() {
		user("vergeben", null);
		inGerman();
		this.browser.loadsNewPage("the registration page",
				() -> this.browser.find("header a[href$='/register']").click());
		assertThat(this.browser.driver().getTitle()).isEqualTo("Registrieren · Roster");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Konto anlegen");
		assertThat(labelOf("username")).isEqualTo("Benutzername");
		assertThat(this.browser.find("#username-help").getText())
			.isEqualTo("3–32 Buchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche.");
		assertThat(labelOf("email")).isEqualTo("E-Mail-Adresse");
		assertThat(labelOf("password")).isEqualTo("Passwort");
		assertThat(labelOf("passwordConfirm")).isEqualTo("Passwort wiederholen");
		assertThat(this.browser.find("#register-form button[type=submit]").getText()).isEqualTo("Konto anlegen");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-label"))
			.isEqualTo("Passwortstärke");
		assertThat(strengthLabel()).isEqualTo("Passwort eingeben · ab „Gut“ akzeptiert");

		this.browser.type("#password", "abc");
		waitForScore(0);
		assertThat(strengthLabel()).isEqualTo("Sehr schwach · mindestens 8 Zeichen");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-valuetext"))
			.isEqualTo("Sehr schwach");
		assertThat(strengthHint()).isEqualTo("Zeichenfolgen wie \"abc\" oder \"6543\" sind leicht zu erraten.");
		this.browser.screenshot("de-register-weak-password");
		assertAccessible("German register page, very weak password");

		this.browser.type("#password", "password1");
		waitForScore(0);
		assertThat(strengthLabel()).isEqualTo("Sehr schwach · ab „Gut“ akzeptiert");
		assertThat(strengthHint()).as("zxcvbn4j's German hint for one of the commonest passwords")
			.isEqualTo("Das ist ein sehr häufig verwendetes Passwort.");

		this.browser.type("#password", "dragonfly");
		waitForScore(1);
		assertThat(strengthLabel()).isEqualTo("Schwach · ab „Gut“ akzeptiert");
		assertHintGermanOrNone();

		this.browser.type("#password", "tiger2024");
		waitForScore(2);
		assertThat(strengthLabel()).isEqualTo("Mittel · ab „Gut“ akzeptiert");
		assertHintGermanOrNone();

		this.browser.type("#password", "tiger2024x");
		waitForScore(3);
		assertThat(strengthLabel()).isEqualTo("Gut · akzeptiert");
		assertHintGermanOrNone();

		this.browser.type("#password", STRONG);
		waitForScore(4);
		assertThat(strengthLabel()).isEqualTo("Stark · akzeptiert");
		assertThat(this.browser.find("#password-strength [role=progressbar]").getDomAttribute("aria-valuetext"))
			.isEqualTo("Stark");
		assertThat(strengthHint()).isEmpty();

		this.browser.type("#email", "keine-adresse");
		this.browser.textIn("#email-error", "Ungültige Adresse.");
		this.browser.type("#email", "Vergeben@Example.com");
		this.browser.textIn("#email-error", "Diese E-Mail-Adresse ist bereits registriert.");
		assertThat(this.browser.find("#email").getDomAttribute("class")).contains("is-invalid");
		this.browser.screenshot("de-register-email-taken");
		assertAccessible("German register page, email taken");
		assertNoEnglish("register page");
	}

	@Test
	void registrationErrorsAndTheConfirmationAreGerman() {
		inGerman();
		open("/register");
		this.browser.type("#username", "x");
		this.browser.type("#email", "lotte@example.org");
		this.browser.type("#password", STRONG);
		this.browser.type("#passwordConfirm", STRONG + "-tippfehler");
		this.browser.loadsNewPage("the form again with its errors",
				() -> this.browser.find("#register-form button[type=submit]").click());
		assertThat(lang()).isEqualTo("de");
		assertThat(this.browser.find("#username-error").getText()).isEqualTo(
				"3 bis 32 Zeichen: Buchstaben, Ziffern, Punkt, Bindestrich oder Unterstrich, davon mindestens ein Buchstabe oder eine Ziffer.");
		assertThat(this.browser.find("#passwordConfirm-error").getText())
			.isEqualTo("Die beiden Passwörter stimmen nicht überein.");
		assertThat(strengthLabel()).as("the script's label after the reload")
			.isEqualTo("Passwort eingeben · ab „Gut“ akzeptiert");

		this.browser.type("#username", "lotte");
		this.browser.type("#password", STRONG);
		this.browser.type("#passwordConfirm", STRONG);
		waitForScore(4);
		this.browser.loadsNewPage("the page after registering",
				() -> this.browser.find("#register-form button[type=submit]").click());
		assertThat(this.browser.path()).isEqualTo("/login");
		// The browser suite runs with roster.registration.email-verification=required.
		assertThat(this.browser.find("main").getText()).containsOnlyOnce(
				"Ihr Konto ist eingerichtet. Öffnen Sie den Link, den wir an Ihre E-Mail-Adresse geschickt haben, "
						+ "um sie zu bestätigen, und melden Sie sich dann an.");
		assertThat(this.users.findByLogin("lotte")).isPresent();
		submitLogin(this.browser, "lotte", STRONG);
		assertThat(this.browser.find("main").getText()).contains("Bestätigen Sie zuerst Ihre E-Mail-Adresse")
			.contains("Link erneut senden");

		this.users.markEmailVerified(this.users.findByLogin("lotte").orElseThrow().getId());
		submitLogin(this.browser, "lotte", STRONG);
		assertThat(this.browser.path()).isEqualTo("/profile");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Mein Profil");
	}

	@Test
	void signInFailsAndSucceedsInGerman() {
		User greta = user("greta", "Greta Garbo");
		inGerman();
		assertThat(this.browser.driver().getTitle()).isEqualTo("Anmelden · Roster");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Anmelden");
		assertThat(labelOf("username")).isEqualTo("Benutzername oder E-Mail-Adresse");
		assertThat(labelOf("password")).isEqualTo("Passwort");
		assertThat(this.browser.find("footer a[hreflang=de]").getDomAttribute("aria-current")).isEqualTo("true");
		this.browser.screenshot("de-login");
		assertAccessible("German login page");

		submitLogin(this.browser, "greta", "falsches-passwort");
		assertThat(this.browser.find("#login-error").getText())
			.isEqualTo("Benutzername oder Passwort falsch, oder das Konto ist vorübergehend gesperrt.");
		assertThat(lang()).isEqualTo("de");
		assertAccessible("German login page with an error");
		assertNoEnglish("login page with an error");

		submitLogin(this.browser, "greta", PASSWORD);
		assertThat(this.browser.path()).isEqualTo("/profile");
		assertThat(lang()).as("the language outlives the new session").isEqualTo("de");
		assertThat(this.browser.driver().getTitle()).isEqualTo("Mein Profil · Roster");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Mein Profil");
		assertThat(this.browser.find("#sidebar").getText()).contains("Mein Profil");
		assertThat(this.browser.find("header form[action$='/logout'] button").getText()).isEqualTo("Abmelden");
		assertThat(this.browser.find("#edit-profile-button").getText()).isEqualTo("Profil bearbeiten");
		assertThat(this.browser.find("#profile-details").getText()).contains("Vollständiger Name")
			.contains("Konto-E-Mail-Adresse");
		assertThat(detail("fullName")).isEqualTo("Greta Garbo");
		assertThat(this.browser.find("#profile-page .badge.text-bg-secondary").getText()).isEqualTo("Benutzer");
		assertThat(this.browser.find("#profile-page .badge.text-bg-success").getText()).isEqualTo("Aktiv");
		assertThat(this.browser.find("#profile-page time").getText()).as("member since, a German date")
			.isEqualTo(germanDate(this.users.get(greta.getId()).getCreatedAt()));
		assertThat(this.browser.find("#new-password-strength-label").getText())
			.isEqualTo("Passwort eingeben · ab „Gut“ akzeptiert");
		this.browser.screenshot("de-profile");
		assertAccessible("German profile page");
		assertNoEnglish("profile page");

		this.browser.loadsNewPage("signed out",
				() -> this.browser.find("header form[action$='/logout'] button").click());
		assertThat(this.browser.path()).isEqualTo("/login");
		assertThat(this.browser.find("main").getText()).contains("Sie haben sich abgemeldet.");
	}

	@Test
	void suspendedAccountIsToldSoInGerman() {
		User user = user("gesperrt", null);
		this.users.changeStatus(user.getId(), UserStatus.SUSPENDED);
		inGerman();
		submitLogin(this.browser, "gesperrt", PASSWORD);
		assertThat(this.browser.find("#login-error").getText())
			.isEqualTo("Dieses Konto ist gesperrt. Wenden Sie sich an einen Administrator.");
	}

	@Test
	void profileModalShowsGermanFieldErrorsAndToast() {
		user("heike", "Heike Kamerlingh");
		signInInGerman("heike");
		// The 400 answer to the PUT is logged by Chromium as a failed resource.
		this.browser.allowConsoleError("status of 400");

		openEditModal();
		assertThat(this.browser.find("#edit-profile-title").getText()).isEqualTo("Profil bearbeiten");
		assertThat(labelOf("pf-phone")).isEqualTo("Telefon");
		assertThat(labelOf("pf-website")).isEqualTo("Website");
		assertThat(labelOf("pf-zipcode")).isEqualTo("Postleitzahl");
		assertThat(this.browser.find("#pf-phone").getDomAttribute("placeholder")).isEqualTo("+49 30 901820");
		assertThat(this.browser.find("#edit-profile-save").getText()).isEqualTo("Speichern");
		assertThat(this.browser.find("#edit-profile-modal .btn-close").getDomAttribute("aria-label"))
			.isEqualTo("Schließen");

		this.browser.type("#pf-website", "javascript:alert(1)");
		this.browser.type("#pf-phone", "12");
		this.browser.type("#pf-zipcode", "10115!");
		this.browser.find("#edit-profile-save").click();
		this.browser.textIn("#edit-profile-alert", "Bitte korrigieren Sie die markierten Felder.");
		assertThat(this.browser.find("#edit-profile-alert-text").getText())
			.isEqualTo("Bitte korrigieren Sie die markierten Felder.");
		assertThat(this.browser.find("#pf-website-error").getText())
			.isEqualTo("Muss eine Adresse mit http:// oder https:// sein.");
		assertThat(this.browser.find("#pf-phone-error").getText())
			.isEqualTo("Keine gültige internationale Telefonnummer (z. B. +49 30 901820).");
		assertThat(this.browser.find("#pf-zipcode-error").getText())
			.isEqualTo("Nur Buchstaben, Ziffern, Leerzeichen und Bindestriche.");
		assertThat(this.browser.find("#pf-phone").getDomAttribute("class")).contains("is-invalid");
		this.browser.screenshot("de-edit-profile-errors");
		assertAccessible("German edit profile modal with errors");
		assertNoEnglish("edit profile modal with errors");

		this.browser.type("#pf-website", "https://example.org/heike");
		this.browser.type("#pf-phone", "+49 30 901820");
		this.browser.type("#pf-zipcode", "10115");
		this.browser.find("#edit-profile-save").click();
		this.browser.modalClosed("edit-profile-modal");
		this.browser.textIn("#toasts", "Ihr Profil wurde gespeichert.");
		assertThat(this.browser.find("#toasts .btn-close").getDomAttribute("aria-label")).isEqualTo("Schließen");
		assertThat(detail("phone")).isEqualTo("+49 30 901820");
		assertThat(detail("zipcode")).isEqualTo("10115");
		assertThat(this.browser.find("[data-field=website] a").getDomAttribute("href"))
			.isEqualTo("https://example.org/heike");
	}

	@Test
	void userListCountsSwitchesAndDeletesInGerman() {
		admin("ilse", "Ilse Aichinger");
		user("jonas", "Jonas Weber");
		User karl = user("karl", "Karl Valentin");
		user("marlene", "Marlene Dietrich");
		for (int i = 0; i < 5; i++) {
			this.users.recordFailedLogin(karl.getId());
		}
		this.users.lockUntil(karl.getId(), Instant.now().plusSeconds(3600));
		signInInGerman("ilse");
		this.browser.loadsNewPage("the user list", () -> this.browser.find("#sidebar a[href$='/user_list']").click());
		assertThat(this.browser.find("#sidebar a[href$='/user_list']").getText()).isEqualTo("Benutzer");

		assertThat(this.browser.driver().getTitle()).isEqualTo("Benutzer · Roster");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Benutzer");
		// The other tests' users are still there: the database is emptied per class.
		int total = this.browser.findAll("#user-rows tr[data-user-id]").size();
		assertThat(this.browser.find("#user-count").getDomAttribute("data-total")).isEqualTo(String.valueOf(total));
		assertThat(this.browser.find("#user-count").getText()).isEqualTo(total + " Benutzer");
		// textContent: the headers are set in capitals by the style sheet.
		assertThat(this.browser.findAll("#user-table thead th")
			.stream()
			.map((th) -> th.getDomProperty("textContent").replaceAll("[↕▲▼]", "").strip())
			.toList()).containsExactly("Foto", "Benutzername", "E-Mail-Adresse", "Vollständiger Name", "Rolle",
					"Status", "Fehlgeschlagene Anmeldungen", "Angelegt", "Letzte Anmeldung", "Aktionen");
		assertThat(this.browser.find("#user-search-submit").getText()).isEqualTo("Suchen");
		assertThat(this.browser.find("#user-page-status").getText()).isEqualTo("Seite 1 von 1");
		assertThat(role("ilse")).isEqualTo("Administrator");
		assertThat(role("jonas")).isEqualTo("Benutzer");
		assertThat(statusLabel("jonas")).isEqualTo("Aktiv");
		assertThat(row("jonas").findElement(By.cssSelector(".btn-edit")).getText()).isEqualTo("Bearbeiten");
		assertThat(row("jonas").findElement(By.cssSelector(".btn-delete")).getText()).isEqualTo("Löschen");
		assertThat(row("karl").findElement(By.cssSelector(".btn-unlock")).getText()).isEqualTo("Freigeben");
		assertThat(row("karl").findElement(By.cssSelector(".lock-badge")).getText())
			.as("a lock after failed sign-ins is not a suspension (Gesperrt)")
			.isEqualTo("Blockiert");
		assertThat(row("ilse").findElement(By.cssSelector(".badge.rounded-pill")).getText()).isEqualTo("Sie");
		assertThat(row("jonas").findElement(By.cssSelector(".cell-created")).getText())
			.isEqualTo(germanDate(this.users.findByLogin("jonas").orElseThrow().getCreatedAt()));
		this.browser.screenshot("de-user-list");
		assertAccessible("German user list");
		assertNoEnglish("user list");

		toggle("jonas").click();
		this.browser.textIn("#toasts", "jonas ist jetzt gesperrt.");
		this.browser.until("jonas's row says Gesperrt", (d) -> "Gesperrt".equals(statusLabel("jonas")));
		assertThat(toggle("jonas").isSelected()).isFalse();
		assertThat(this.users.findByLogin("jonas").orElseThrow().getStatus()).isEqualTo(UserStatus.SUSPENDED);
		open("/user_list");
		assertThat(statusLabel("jonas")).as("after a reload").isEqualTo("Gesperrt");

		toggle("jonas").click();
		this.browser.textIn("#toasts", "jonas ist jetzt aktiv.");
		this.browser.until("jonas's row says Aktiv", (d) -> "Aktiv".equals(statusLabel("jonas")));

		row("karl").findElement(By.cssSelector(".btn-unlock")).click();
		this.browser.textIn("#toasts", "karl freigegeben.");

		row("marlene").findElement(By.cssSelector(".btn-delete")).click();
		this.browser.modal("delete-user-modal");
		assertThat(this.browser.find("#delete-user-title").getText()).isEqualTo("Benutzer löschen");
		assertThat(this.browser.find("#delete-user-text").getText())
			.isEqualTo("Benutzer marlene löschen? Das lässt sich nicht rückgängig machen.");
		assertAccessible("German delete user modal");
		assertNoEnglish("delete user modal");
		this.browser.find("#delete-confirm").click();
		this.browser.modalClosed("delete-user-modal");
		this.browser.textIn("#toasts", "marlene gelöscht.");
		assertThat(this.browser.find("#user-count").getText()).as("the script's count")
			.isEqualTo((total - 1) + " Benutzer");

		// The longer German words still fit a phone (which keeps only username, status
		// and
		// actions).
		this.browser.viewport(390, 844);
		try {
			open("/user_list");
			assertThat(this.browser.<Boolean>script(
					"return document.documentElement.scrollWidth <= window.innerWidth && document.querySelector('.table-users-wrap').scrollWidth <= document.querySelector('.table-users-wrap').clientWidth;"))
				.as("the German list at phone width without scrolling sideways")
				.isTrue();
			this.browser.screenshot("de-user-list-phone");
		}
		finally {
			this.browser.desktopViewport();
		}

		open("/user_list?q=niemand");
		assertThat(this.browser.find("#user-empty").getText()).contains("Keine passenden Benutzer")
			.contains("Versuchen Sie eine andere Suche oder setzen Sie die Filter zurück.");
		assertThat(this.browser.find("#user-count").getText()).isEqualTo("0 Benutzer");
	}

	@Test
	void dashboardAndActivityInGerman() {
		admin("wim", "Wim Wenders");
		inGerman();
		submitLogin(this.browser, "wim", "falsch-geraten");
		submitLogin(this.browser, "wim", PASSWORD);
		this.browser.pathIs("/dashboard");
		assertThat(lang()).isEqualTo("de");
		assertThat(this.browser.driver().getTitle()).isEqualTo("Übersicht · Roster");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Übersicht");
		assertThat(this.browser.find("#tile-locked").getText()).contains("Vorübergehend blockiert");
		assertThat(this.browser.findAll("#dashboard-days thead th")
			.stream()
			.map((th) -> th.getDomProperty("textContent").strip())
			.toList()).containsExactly("Tag", "Registrierungen", "Anmeldungen", "Fehlgeschlagene Anmeldungen");
		List<WebElement> days = this.browser.findAll("#dashboard-days .dashboard-day");
		assertThat(days).hasSize(30);
		WebElement today = days.get(days.size() - 1);
		// The class's other tests sign in too (the database is emptied per class).
		assertThat(Integer.parseInt(today.getDomAttribute("data-sign-ins"))).isPositive();
		assertThat(Integer.parseInt(today.getDomAttribute("data-failures"))).isPositive();
		assertThat(this.browser.findAll("#dashboard-addresses .dashboard-address")).as("the browser's address")
			.hasSize(1);
		this.browser.until("the charts are drawn", (d) -> this.browser
			.<Boolean>script("return !!Chart.getChart(document.getElementById('signins-chart'))"));
		this.browser.screenshot("de-dashboard");
		assertAccessible("German dashboard");
		assertNoEnglish("dashboard");

		this.browser.loadsNewPage("the activity log", () -> this.browser.find("#sidebar a[href$='/activity']").click());
		assertThat(this.browser.find("h1").getText()).isEqualTo("Aktivität");
		this.browser.type("#filter-user", "wim");
		this.browser.loadsNewPage("lotte's events", () -> this.browser.find("#activity-filter-submit").click());
		List<WebElement> rows = this.browser.findAll("#activity-table .activity-row");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).findElement(By.cssSelector(".cell-action")).getText()).isEqualTo("Anmeldung");
		assertThat(rows.get(0).findElement(By.cssSelector(".cell-outcome")).getText()).isEqualTo("Erfolg");
		assertThat(rows.get(1).findElement(By.cssSelector(".cell-outcome")).getText()).isEqualTo("Fehlschlag");
		assertThat(rows.get(1).findElement(By.cssSelector(".cell-details")).getText()).contains("wrong-password");
		assertAccessible("German activity log");
		assertNoEnglish("activity log");
	}

	/**
	 * A fresh session switched to German as a user does it: the footer's "Deutsch" link
	 * on the login page (which stores the ROSTER_LANG cookie).
	 */
	private void inGerman() {
		this.browser.deleteCookies();
		open("/login");
		assertThat(lang()).as("Chromium asks for English").isEqualTo("en");
		this.browser.loadsNewPage("the login page in German", () -> this.browser.find("footer a[hreflang=de]").click());
		assertThat(this.browser.path()).isEqualTo("/login");
		assertThat(this.browser.query()).isEqualTo("lang=de");
		assertThat(lang()).isEqualTo("de");
		Cookie cookie = this.browser.driver().manage().getCookieNamed("ROSTER_LANG");
		assertThat(cookie).as("the language cookie").isNotNull();
		assertThat(cookie.getValue()).isEqualTo("de");
	}

	/** {@link #signIn} in German: the cookie is set before the form is sent. */
	private void signInInGerman(String login) {
		inGerman();
		submitLogin(this.browser, login, PASSWORD);
		this.browser.pathIsOneOf("/profile", "/dashboard");
		assertThat(lang()).isEqualTo("de");
	}

	private void assertNoEnglish(String what) {
		assertNoEnglish(this.browser, what);
	}

	/** Nothing on the browser's current page is still in English. */
	static void assertNoEnglish(Browser browser, String what) {
		String text = browser.script(PAGE_TEXT);
		assertThat(ENGLISH_TEXTS.stream().filter((english) -> wholeWords(english).matcher(text).find()))
			.as("English texts on the German " + what)
			.isEmpty();
	}

	private String lang() {
		return this.browser.find("html").getDomAttribute("lang");
	}

	private String labelOf(String id) {
		return this.browser.find("label[for='" + id + "']").getText();
	}

	private void waitForScore(int score) {
		this.browser.until("strength score " + score, (d) -> String.valueOf(score)
			.equals(this.browser.find("#password-strength .strength-bar").getDomAttribute("data-score")));
	}

	private String strengthLabel() {
		return this.browser.find("#password-strength-label").getText();
	}

	private String strengthHint() {
		return this.browser.find("#password-strength .strength-hint").getText();
	}

	/** The hint may be missing (no German for it), never English. */
	private void assertHintGermanOrNone() {
		String hint = strengthHint();
		if (!hint.isEmpty()) {
			assertThat(hint).as("zxcvbn's hint, in German").isIn(GERMAN_HINTS);
		}
	}

	private void openEditModal() {
		this.browser.find("#edit-profile-button").click();
		this.browser.modal("edit-profile-modal");
		this.browser.until("profile loaded into the form", (d) -> this.browser.find("#edit-profile-save").isEnabled());
	}

	private String detail(String field) {
		return this.browser.find("#profile-details [data-field=" + field + "]").getText();
	}

	private WebElement row(String username) {
		return this.browser.find("#user-rows tr[data-username='" + username + "']");
	}

	private WebElement toggle(String username) {
		return row(username).findElement(By.cssSelector(".status-toggle"));
	}

	private String statusLabel(String username) {
		return row(username).findElement(By.cssSelector(".status-label")).getText();
	}

	private String role(String username) {
		return row(username).findElement(By.cssSelector(".role-badge")).getText();
	}

	/** A date as the German pages write it (format.date, in UTC). */
	private static String germanDate(Instant instant) {
		return DateTimeFormatter.ofPattern("d. MMM yyyy", Locale.GERMAN).withZone(ZoneOffset.UTC).format(instant);
	}

	private static Pattern wholeWords(String text) {
		return Pattern.compile("(?<!\\p{L})" + Pattern.quote(text) + "(?!\\p{L})");
	}

	private static List<String> englishTexts() {
		Properties english = bundle("/messages.properties");
		Properties german = bundle("/messages_de.properties");
		String germanTexts = german.stringPropertyNames()
			.stream()
			.map(german::getProperty)
			.map((text) -> text.replace("''", "'"))
			.collect(Collectors.joining("\n"));
		return english.stringPropertyNames()
			.stream()
			.filter((key) -> !english.getProperty(key).equals(german.getProperty(key)))
			.flatMap((key) -> Stream.of(english.getProperty(key).split("\\{[^}]*}")))
			.map((part) -> part.replace("''", "'").strip())
			.filter((part) -> part.length() >= 4)
			// Words German uses as well (such as "Link") are German too.
			.filter((part) -> !wholeWords(part).matcher(germanTexts).find())
			.distinct()
			.sorted()
			.toList();
	}

	private static Properties bundle(String name) {
		try (InputStream in = GermanBrowserTest.class.getResourceAsStream(name)) {
			Properties bundle = new Properties();
			bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			return bundle;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Set<String> germanHints() {
		ResourceBundle german = ResourceBundle.getBundle("com/nulabinc/zxcvbn/messages", Locale.GERMAN,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		return german.keySet().stream().map(german::getString).collect(Collectors.toUnmodifiableSet());
	}

}
