package org.roster.browser;

import java.awt.Color;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.roster.avatar.AvatarService;
import org.roster.profile.ProfileData;
import org.roster.testsupport.Pictures;
import org.roster.user.User;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console on a dozen realistic users: search, paging, the status switch (with
 * the suspended user's own session in a second browser), the edit modal's live email
 * check and the delete confirmation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminListBrowserTest extends BrowserTestSupport {

	static final String ADMIN = "olivia";

	/** Username → full name, the admin first. */
	static final Map<String, String> PEOPLE = Map.ofEntries(Map.entry("noah", "Noah Fischer"),
			Map.entry("amelia", "Amelia Kowalski"), Map.entry("liam", "Liam O'Connor"),
			Map.entry("sofia", "Sofía Martínez"), Map.entry("ethan", "Ethan Nakamura"),
			Map.entry("mia", "Mia Schneider"), Map.entry("lucas", "Lucas Dubois"), Map.entry("chloe", "Chloé Laurent"),
			Map.entry("arjun", "Arjun Patel"), Map.entry("hannah", "Hannah Berg"), Map.entry("mateo", "Mateo Rossi"),
			Map.entry("yuki", "Yuki Tanaka"));

	@Autowired
	AvatarService avatars;

	@BeforeEach
	void seedOnce() {
		if (this.users.findByLogin(ADMIN).isPresent()) {
			return;
		}
		User admin = admin(ADMIN, "Olivia Bennett");
		this.avatars.upload(admin.getId(), Pictures.portrait(256, new Color(13, 110, 253), new Color(111, 66, 193)));
		PEOPLE.keySet().stream().sorted().forEach((username) -> user(username, PEOPLE.get(username)));
		Color[][] colours = { { new Color(25, 135, 84), new Color(32, 201, 151) },
				{ new Color(253, 126, 20), new Color(220, 53, 69) },
				{ new Color(102, 16, 242), new Color(214, 51, 132) },
				{ new Color(13, 202, 240), new Color(13, 110, 253) } };
		this.profiles.update(id("amelia"),
				new ProfileData(null, "Platform team lead. Ask me about on-call.", "ul. Floriańska 12, Kraków",
						"31-019", "+48 12 345 67 89", "amelia.k@example.org", "https://example.org/amelia"));
		List<String> withPhotos = List.of("amelia", "ethan", "sofia", "yuki");
		for (int i = 0; i < withPhotos.size(); i++) {
			this.avatars.upload(id(withPhotos.get(i)), Pictures.portrait(256, colours[i][0], colours[i][1]));
		}
		List.of("amelia", "chloe", "ethan", "noah", "sofia").forEach((u) -> {
			User signedIn = this.users.get(id(u));
			this.users.recordSuccessfulLogin(signedIn.getId(), signedIn.getRole(), signedIn.getPasswordHash());
		});
		this.users.recordFailedLogin(id("arjun"));
		this.users.recordFailedLogin(id("arjun"));
		for (int i = 0; i < 5; i++) {
			this.users.recordFailedLogin(id("lucas"));
		}
		this.users.lockUntil(id("lucas"), Instant.now().plusSeconds(3600));
		this.users.changeStatus(id("hannah"), UserStatus.SUSPENDED);
		// Not everyone has confirmed their address; hannah was invited and never came.
		new JdbcTemplate(this.dataSource).update(
				"UPDATE users SET email_verified = FALSE, invited = (username = 'hannah') WHERE username IN ('chloe', 'hannah')");
	}

	@Test
	@Order(1)
	void listsEveryUserWithTheirDetails() {
		signIn(ADMIN);
		open("/user_list");
		assertThat(this.browser.find("h1").getText()).isEqualTo("Users");
		assertThat(this.browser.find("#user-count").getText()).isEqualTo("13 users");
		assertThat(rows()).hasSize(13);
		WebElement hannah = row("hannah");
		assertThat(hannah.findElement(By.cssSelector(".cell-fullname")).getText()).isEqualTo("Hannah Berg");
		assertThat(hannah.findElement(By.cssSelector(".status-label")).getText()).isEqualTo("Suspended");
		assertThat(row("lucas").getText()).contains("Locked");
		assertThat(row("chloe").findElement(By.cssSelector(".unverified-badge")).getText()).isEqualTo("unverified");
		assertThat(row("hannah").findElement(By.cssSelector(".invited-badge")).getText()).isEqualTo("invited");
		assertThat(row("amelia").findElements(By.cssSelector(".email-badges .badge:not(.d-none)"))).isEmpty();
		assertThat(row(ADMIN).findElement(By.cssSelector(".status-toggle")).isEnabled())
			.as("an admin cannot suspend themselves")
			.isFalse();
		this.browser.until("all avatars loaded", (d) -> this.browser.<Boolean>script(
				"return [...document.querySelectorAll('img.avatar')].every((i) => i.complete && i.naturalWidth > 0);"));
		assertThat(this.browser.<Boolean>script(
				"const wrap = document.querySelector('.table-users-wrap'); return wrap.scrollWidth <= wrap.clientWidth;"))
			.as("every column fits a 1280 px window")
			.isTrue();
		this.browser.screenshot("user-list");
	}

	@Test
	@Order(2)
	void searchNarrowsTheRows() {
		signIn(ADMIN);
		open("/user_list");
		this.browser.type("#user-search", "l");
		this.browser.loadsNewPage("search for l", () -> this.browser.find("#user-search-submit").click());
		searched("l");
		assertThat(usernames()).containsExactlyInAnyOrder("liam", "lucas");
		assertThat(this.browser.find("#user-count").getText()).isEqualTo("2 users");

		this.browser.type("#user-search", "Schn");
		this.browser.loadsNewPage("search for Schn", () -> this.browser.find("#user-search").sendKeys(Keys.ENTER));
		searched("Schn");
		assertThat(rows()).as("a prefix of the full name only, not of the family name").isEmpty();
		this.browser.textIn("#user-empty", "No users match");

		this.browser.type("#user-search", "MIA");
		this.browser.loadsNewPage("search for MIA", () -> this.browser.find("#user-search-submit").click());
		searched("MIA");
		assertThat(usernames()).containsExactly("mia");

		this.browser.loadsNewPage("unfiltered list", () -> this.browser.find("#user-filters-clear").click());
		assertThat(this.browser.path()).isEqualTo("/user_list");
		assertThat(this.browser.query()).isNull();
		assertThat(rows()).hasSizeGreaterThan(10);
	}

	@Test
	@Order(3)
	void pagingWalksThroughTheList() {
		signIn(ADMIN);
		open("/user_list?sort=username&dir=asc&size=5");
		int total = Integer.parseInt(this.browser.find("#user-count").getDomAttribute("data-total"));
		int pages = (total + 4) / 5;
		assertThat(this.browser.find("#user-page-status").getText()).isEqualTo("Page 1 of " + pages);
		List<String> first = usernames();
		assertThat(first).hasSize(5).isSorted();

		this.browser.loadsNewPage("page 2", () -> this.browser.find("#user-paging .page-next").click());
		assertThat(this.browser.find("#user-page-status").getText()).isEqualTo("Page 2 of " + pages);
		List<String> second = usernames();
		assertThat(second).hasSize(5).isSorted().doesNotContainAnyElementsOf(first);
		assertThat(second.get(0)).isGreaterThan(first.get(4));

		this.browser.loadsNewPage("the last page",
				() -> this.browser.find("#user-paging a.page-number[aria-label='Page " + pages + "']").click());
		assertThat(this.browser.find("#user-page-status").getText()).isEqualTo("Page " + pages + " of " + pages);
		assertThat(usernames()).hasSize(total - 5 * (pages - 1));
		assertThat(this.browser.find("#user-paging .page-next").getTagName()).as("no next page").isEqualTo("span");

		this.browser.loadsNewPage("the page before", () -> this.browser.find("#user-paging .page-prev").click());
		assertThat(this.browser.find("#user-page-status").getText()).isEqualTo("Page " + (pages - 1) + " of " + pages);
	}

	@Test
	@Order(4)
	void statusSwitchSuspendsAndEndsTheUsersSessionThenReactivates() {
		try (Browser noah = ChromiumExtension.launchAnother()) {
			signIn(noah, "noah");
			signIn(ADMIN);
			open("/user_list");

			toggle("noah").click();
			this.browser.textIn("#toasts", "noah is now suspended.");
			assertThat(row("noah").getText()).contains("Suspended");
			assertThat(toggle("noah").isSelected()).isFalse();
			assertThat(this.users.get(id("noah")).getStatus()).isEqualTo(UserStatus.SUSPENDED);

			// Noah's open page still shows; his next click finds the session gone.
			noah.loadsNewPage("noah's next page", () -> noah.find("#sidebar a[href$='/profile']").click());
			assertThat(noah.path()).isEqualTo("/login");

			toggle("noah").click();
			this.browser.textIn("#toasts", "noah is now active.");
			this.browser.until("row shows Active", (d) -> row("noah").getText().contains("Active"));
			assertThat(toggle("noah").isSelected()).isTrue();
			assertThat(this.users.get(id("noah")).getStatus()).isEqualTo(UserStatus.ACTIVE);

			open("/user_list");
			assertThat(row("noah").getText()).as("after a reload").contains("Active");
			signIn(noah, "noah");
			noah.assertNoErrors();
		}
	}

	@Test
	@Order(5)
	void editModalReportsAnEmailTakenByAnotherUserAndDisablesSave() {
		signIn(ADMIN);
		open("/user_list");
		row("amelia").findElement(By.cssSelector(".btn-edit")).click();
		this.browser.modal("edit-user-modal");
		this.browser.until("user loaded", (d) -> this.browser.find("#edit-save").isEnabled());
		assertThat(this.browser.find("#edit-user-name").getText()).isEqualTo("amelia");
		assertThat(value("#edit-accountEmail")).isEqualTo("amelia@example.com");
		assertThat(value("#edit-fullName")).isEqualTo("Amelia Kowalski");
		assertThat(value("#edit-role")).isEqualTo("USER");
		this.browser.screenshot("edit-user");

		this.browser.type("#edit-accountEmail", "ethan@example.com");
		this.browser.textIn("#edit-accountEmail-error", "Already taken.");
		assertThat(this.browser.find("#edit-accountEmail").getDomAttribute("class")).contains("is-invalid");
		assertThat(this.browser.find("#edit-accountEmail").getDomAttribute("aria-invalid"))
			.as("announced as invalid, not only red")
			.isEqualTo("true");
		assertThat(this.browser.find("#edit-save").isEnabled()).isFalse();
		this.browser.screenshot("edit-user-email-taken");

		// Her own address is not "taken".
		this.browser.type("#edit-accountEmail", "amelia@example.com");
		this.browser.until("save enabled again", (d) -> this.browser.find("#edit-save").isEnabled());
		assertThat(this.browser.find("#edit-accountEmail-error").getText()).isEmpty();
		assertThat(this.browser.find("#edit-accountEmail").getDomAttribute("aria-invalid")).isNull();

		this.browser.type("#edit-fullName", "Amelia K. Kowalski");
		this.browser.find("#edit-save").click();
		this.browser.modalClosed("edit-user-modal");
		this.browser.textIn("#toasts", "Saved changes to amelia.");
		assertThat(row("amelia").getText()).contains("Amelia K. Kowalski");
	}

	@Test
	@Order(6)
	void deleteAsksNamingTheUserCancelKeepsConfirmRemoves() {
		signIn(ADMIN);
		open("/user_list");
		int before = rows().size();

		row("mateo").findElement(By.cssSelector(".btn-delete")).click();
		this.browser.modal("delete-user-modal");
		assertThat(this.browser.focused()).as("the safe choice has the focus").isEqualTo("delete-cancel");
		assertThat(this.browser.find("#delete-user-text").getText())
			.isEqualTo("Delete user mateo? This cannot be undone.");
		this.browser.screenshot("delete-user");
		this.browser.find("#delete-cancel").click();
		this.browser.modalClosed("delete-user-modal");
		assertThat(usernames()).contains("mateo");
		assertThat(this.users.findByLogin("mateo")).isPresent();

		row("mateo").findElement(By.cssSelector(".btn-delete")).click();
		this.browser.modal("delete-user-modal");
		this.browser.find("#delete-confirm").click();
		this.browser.modalClosed("delete-user-modal");
		this.browser.textIn("#toasts", "Deleted mateo.");
		assertThat(usernames()).doesNotContain("mateo").hasSize(before - 1);
		assertThat(this.browser.find("#user-count").getText()).isEqualTo((before - 1) + " users");
		assertThat(this.users.findByLogin("mateo")).isEmpty();
	}

	@Test
	@Order(7)
	void theStatusSwitchKeepsTheFocusWhileItsRequestRuns() {
		signIn(ADMIN);
		open("/user_list");
		String id = toggle("ethan").getDomAttribute("id");

		toggle("ethan").click();
		this.browser.textIn("#toasts", "ethan is now suspended.");
		this.browser.until("the switch enabled again", (d) -> toggle("ethan").isEnabled());
		assertThat(this.browser.focused()).as("focus back on the switch").isEqualTo(id);

		// So the keyboard can switch it straight back.
		this.browser.driver().switchTo().activeElement().sendKeys(Keys.SPACE);
		this.browser.textIn("#toasts", "ethan is now active.");
		this.browser.until("the switch enabled again", (d) -> toggle("ethan").isEnabled());
		assertThat(this.browser.focused()).isEqualTo(id);
		assertThat(this.users.get(id("ethan")).getStatus()).isEqualTo(UserStatus.ACTIVE);
	}

	@Test
	@Order(8)
	void afterAnEditConflictSaveKeepsTheFocusAndEscStillClosesTheModal() {
		signIn(ADMIN);
		open("/user_list");
		// The 409 answer to the PUT is logged by Chromium as a failed resource.
		this.browser.allowConsoleError("status of 409");
		row("chloe").findElement(By.cssSelector(".btn-edit")).click();
		this.browser.modal("edit-user-modal");
		this.browser.until("user loaded", (d) -> this.browser.find("#edit-save").isEnabled());
		// Another admin changes Chloé meanwhile.
		this.users.changeStatus(id("chloe"), UserStatus.SUSPENDED);
		this.users.changeStatus(id("chloe"), UserStatus.ACTIVE);

		this.browser.type("#edit-fullName", "Chloé M. Laurent");
		this.browser.find("#edit-save").click();
		this.browser.textIn("#edit-user-alert", "changed by someone else");
		this.browser.until("Save enabled again", (d) -> this.browser.find("#edit-save").isEnabled());
		assertThat(this.browser.focused()).as("focus back on Save, inside the dialog").isEqualTo("edit-save");

		this.browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
		this.browser.modalClosed("edit-user-modal");
		assertThat(this.browser.focused()).as("focus back on the row's Edit button").isEqualTo("button");
	}

	@Test
	@Order(9)
	void rowsOfUsersDeletedElsewhereLeaveTheTableOnTheirNextAction() {
		this.users.lockUntil(id("arjun"), Instant.now().plusSeconds(3600));
		signIn(ADMIN);
		open("/user_list");
		// The 404 answers are logged by Chromium as failed resources.
		this.browser.allowConsoleError("status of 404");
		int before = rows().size();
		List<String> gone = List.of("liam", "yuki", "arjun", "mia");
		gone.forEach((username) -> this.users.delete(id(username)));

		row("liam").findElement(By.cssSelector(".btn-edit")).click();
		this.browser.textIn("#toasts", "User liam no longer exists");
		this.browser.modalClosed("edit-user-modal");
		this.browser.until("liam's row removed", (d) -> !usernames().contains("liam"));

		dismissToasts();
		toggle("yuki").click();
		this.browser.textIn("#toasts", "User yuki no longer exists");
		this.browser.until("yuki's row removed", (d) -> !usernames().contains("yuki"));

		dismissToasts();
		row("arjun").findElement(By.cssSelector(".btn-unlock")).click();
		this.browser.textIn("#toasts", "User arjun no longer exists");
		this.browser.until("arjun's row removed", (d) -> !usernames().contains("arjun"));

		dismissToasts();
		row("mia").findElement(By.cssSelector(".btn-delete")).click();
		this.browser.modal("delete-user-modal");
		this.browser.find("#delete-confirm").click();
		this.browser.modalClosed("delete-user-modal");
		this.browser.textIn("#toasts", "User mia no longer exists");
		assertThat(usernames()).doesNotContainAnyElementsOf(gone).hasSize(before - gone.size());
		assertThat(this.browser.find("#user-count").getText()).isEqualTo((before - gone.size()) + " users");
		assertThat(this.browser.focused()).as("focus on a remaining row, not lost").isNotIn("", "body");
	}

	@Test
	@Order(10)
	void theSearchFormLeavesOutEmptyAndDefaultParameters() {
		signIn(ADMIN);
		open("/user_list");
		this.browser.loadsNewPage("admins only",
				() -> new Select(this.browser.find("#filter-role")).selectByValue("ADMIN"));
		assertThat(this.browser.query()).isEqualTo("role=ADMIN");
		assertThat(usernames()).containsExactly(ADMIN);

		this.browser.type("#user-search", "oli");
		this.browser.loadsNewPage("search for oli", () -> this.browser.find("#user-search-submit").click());
		assertThat(this.browser.query()).isEqualTo("q=oli&role=ADMIN");

		this.browser.loadsNewPage("10 per page", () -> new Select(this.browser.find("#page-size")).selectByValue("10"));
		assertThat(this.browser.query()).isEqualTo("q=oli&role=ADMIN&size=10");
	}

	@Test
	@Order(11)
	void onAPhoneTheListFitsAndEveryRowKeepsItsUsernameStatusAndActions() {
		this.users.lockUntil(id("noah"), Instant.now().plusSeconds(3600));
		signIn(ADMIN);
		this.browser.viewport(390, 844);
		try {
			open("/user_list?size=5");
			assertFitsTheWidth("the first page");
			assertThat(rows()).hasSize(5);
			open("/user_list");
			assertFitsTheWidth("the whole list");
			for (WebElement row : rows()) {
				String username = row.getDomAttribute("data-username");
				assertReachable(row.findElement(By.cssSelector(".cell-username")), username + "'s name");
				assertReachable(row.findElement(By.cssSelector(".status-toggle")), username + "'s status switch");
				assertReachable(row.findElement(By.cssSelector(".btn-edit")), username + "'s Edit button");
				assertReachable(row.findElement(By.cssSelector(".btn-delete")), username + "'s Delete button");
			}
			assertReachable(row("noah").findElement(By.cssSelector(".btn-unlock")), "noah's Unlock button");
			assertThat(row("noah").findElement(By.cssSelector(".cell-email")).isDisplayed())
				.as("less important columns give way")
				.isFalse();
			this.browser.screenshot("user-list-phone");
			assertAccessible("user list at phone width");

			row("noah").findElement(By.cssSelector(".btn-unlock")).click();
			this.browser.textIn("#toasts", "Unlocked noah.");
		}
		finally {
			this.browser.desktopViewport();
		}
	}

	@Test
	@Order(12)
	void theAddressFilterFindsTheUnconfirmedAndMarkVerifiedVouchesForOne() {
		signIn(ADMIN);
		open("/user_list");
		this.browser.loadsNewPage("unverified only",
				() -> new Select(this.browser.find("#filter-verified")).selectByValue("false"));
		assertThat(this.browser.query()).isEqualTo("verified=false");
		assertThat(usernames()).containsExactlyInAnyOrder("chloe", "hannah");

		row("chloe").findElement(By.cssSelector(".btn-edit")).click();
		this.browser.modal("edit-user-modal");
		this.browser.until("chloe loaded", (d) -> this.browser.find("#edit-save").isEnabled());
		assertThat(this.browser.find("#edit-verification").isDisplayed()).isTrue();
		this.browser.screenshot("edit-user-unverified");
		assertAccessible("edit dialog of an unconfirmed address");
		this.browser.find("#edit-mark-verified").click();
		this.browser.textIn("#toasts", "The address of chloe is marked verified.");
		this.browser.until("the offer gone", (d) -> !this.browser.find("#edit-verification").isDisplayed());
		assertThat(row("chloe").findElement(By.cssSelector(".unverified-badge")).isDisplayed()).isFalse();
		assertThat(this.users.get(id("chloe")).isEmailVerified()).isTrue();

		// The dialog took the new version: saving now is no conflict.
		this.browser.type("#edit-fullName", "Chloé Laurent-Petit");
		this.browser.find("#edit-save").click();
		this.browser.modalClosed("edit-user-modal");
		this.browser.textIn("#toasts", "Saved changes to chloe.");
		assertThat(row("chloe").findElement(By.cssSelector(".cell-fullname")).getText())
			.isEqualTo("Chloé Laurent-Petit");
	}

	/** Closes the toasts, which may cover the last rows. */
	private void dismissToasts() {
		this.browser.findAll("#toasts .toast .btn-close").forEach(WebElement::click);
		this.browser.until("toasts closed", (d) -> this.browser.findAll("#toasts .toast").isEmpty());
	}

	private void assertFitsTheWidth(String what) {
		assertThat(this.browser.<Boolean>script(
				"return document.documentElement.scrollWidth <= window.innerWidth && document.querySelector('.table-users-wrap').scrollWidth <= document.querySelector('.table-users-wrap').clientWidth;"))
			.as(what + " without scrolling sideways")
			.isTrue();
	}

	/** Shown, and inside the 390 px wide window. */
	private void assertReachable(WebElement element, String what) {
		assertThat(element.isDisplayed()).as(what + " shown").isTrue();
		Rectangle box = element.getRect();
		assertThat(box.getX()).as(what + " left edge").isNotNegative();
		assertThat(box.getX() + box.getWidth()).as(what + " right edge").isLessThanOrEqualTo(390);
	}

	private void searched(String q) {
		this.browser.until("list searched for " + q,
				(d) -> this.browser.query() != null && List.of(this.browser.query().split("&")).contains("q=" + q));
	}

	private List<WebElement> rows() {
		return this.browser.findAll("#user-rows tr[data-user-id]");
	}

	private List<String> usernames() {
		return rows().stream().map((row) -> row.getDomAttribute("data-username")).toList();
	}

	private WebElement row(String username) {
		return this.browser.find("#user-rows tr[data-username='" + username + "']");
	}

	private WebElement toggle(String username) {
		return row(username).findElement(By.cssSelector(".status-toggle"));
	}

	private String value(String css) {
		return this.browser.find(css).getDomProperty("value");
	}

	private long id(String username) {
		return this.users.findByLogin(username).orElseThrow().getId();
	}

}
