package org.roster.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.roster.user.User;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authenticator app as a user meets it in Chromium: set up from the profile's sign-in
 * methods (the QR code scanned by the test's "phone"), the recovery codes downloaded as a
 * text file, then the code page at the next sign-in and a recovery code instead of the
 * app.
 */
class SecondFactorBrowserTest extends BrowserTestSupport {

	@Test
	void setUpOnTheProfileThenSignInWithACode(@TempDir Path downloads) throws Exception {
		user("katherine", "Katherine Johnson");
		signIn("katherine");
		this.browser.loadsNewPage("the set-up", () -> this.browser.find("#set-up-authenticator").click());
		this.browser.pathIs("/profile/authenticator");
		AuthenticatorApp phone = AuthenticatorApp.scan(this.browser.find("#qr-code").getAttribute("src"));
		// The key written out is the one in the QR code.
		assertThat(this.browser.find("#totp-secret").getText().replace(" ", "")).isEqualTo(phone.secret());
		this.browser.type("#code", phone.code(0));
		this.browser.loadsNewPage("the recovery codes", () -> this.browser.find("#setup-submit").click());
		List<String> codes = this.browser.findAll("#recovery-codes li").stream().map(WebElement::getText).toList();
		assertThat(codes).hasSize(10);

		this.browser.downloadsTo(downloads);
		this.browser.find("#download-recovery-codes").click();
		Path file = downloads.resolve("roster-recovery-codes.txt");
		this.browser.until("the download", (driver) -> Files.exists(file));
		List<String> lines = this.browser.until("the whole file", (driver) -> {
			try {
				List<String> read = Files.readAllLines(file);
				return read.containsAll(codes) ? read : null;
			}
			catch (java.io.IOException ex) {
				return null;
			}
		});
		assertThat(lines.get(0)).startsWith("Roster recovery codes");
		assertThat(lines).containsAll(codes);

		this.browser.loadsNewPage("the profile", () -> this.browser.find("#recovery-continue").click());
		this.browser.pathIs("/profile");
		this.browser.textIn("#recovery-codes-left", "10 unused codes left");

		// The next sign-in: the password, then the code page. The set-up used this
		// step's code, so the phone's next one (one step of drift is allowed).
		this.browser.deleteCookies();
		open("/login");
		submitLogin(this.browser, "katherine", PASSWORD);
		this.browser.pathIs("/login/code");
		this.browser.type("#code", "123 456");
		this.browser.loadsNewPage("the code page again", () -> this.browser.find("#code-submit").click());
		this.browser.textIn("#code-error", "Wrong code");
		this.browser.type("#code", phone.code(1));
		this.browser.loadsNewPage("the profile", () -> this.browser.find("#code-submit").click());
		this.browser.pathIs("/profile");

		// A lost phone: a recovery code instead, once.
		this.browser.deleteCookies();
		open("/login");
		submitLogin(this.browser, "katherine", PASSWORD);
		this.browser.type("#code", codes.get(3));
		this.browser.loadsNewPage("the profile", () -> this.browser.find("#code-submit").click());
		this.browser.pathIs("/profile");
		this.browser.textIn("#recovery-codes-left", "9 unused codes left");
	}

	@Test
	void anAdminRemovesAUsersSecondFactorsFromTheEditDialog() {
		admin("hedy", "Hedy Lamarr");
		User dorothy = user("dorothy", "Dorothy Vaughan");
		// An authenticator as the set-up leaves it (the dialog reads only that there is
		// one, since when, and the codes left).
		JdbcClient jdbc = JdbcClient.create(this.dataSource);
		jdbc.sql("INSERT INTO user_totp (user_id, secret, last_used_step, created_at) VALUES (?, 'd0:AA', 0, ?)")
			.params(dorothy.getId(), Timestamp.from(Instant.now()))
			.update();
		jdbc.sql("INSERT INTO user_recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)")
			.params(dorothy.getId(), "0".repeat(64), Timestamp.from(Instant.now()))
			.update();
		signIn("hedy");
		open("/user_list");
		this.browser.find("#user-rows tr[data-username='dorothy'] .btn-edit").click();
		this.browser.modal("edit-user-modal");
		this.browser.textIn("#edit-second-factors-text", "Authenticator app since");
		this.browser.textIn("#edit-second-factors-text", "1 unused recovery codes");
		this.browser.find("#edit-remove-second-factors").click();
		this.browser.visible("#edit-remove-second-factors-confirm");
		// "Keep" changes nothing.
		this.browser.find("#edit-remove-second-factors-keep").click();
		this.browser.visible("#edit-remove-second-factors");
		this.browser.find("#edit-remove-second-factors").click();
		this.browser.find("#edit-remove-second-factors-yes").click();
		this.browser.textIn("#toasts", "The second factors of dorothy are removed");
		this.browser.textIn("#edit-second-factors-text", "No second factor.");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM user_totp WHERE user_id = ?")
			.param(dorothy.getId())
			.query(Integer.class)
			.single()).isZero();
	}

}
