package org.roster.browser;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roster.profile.ProfileData;
import org.roster.testsupport.Pictures;
import org.roster.user.User;

import static org.assertj.core.api.Assertions.assertThat;

/** My profile: the edit modal and the avatar upload. */
class ProfileBrowserTest extends BrowserTestSupport {

	/** The uploaded avatar's corner colour, far from the default avatar's. */
	static final Color UPLOAD_COLOUR = new Color(214, 51, 132);

	@Test
	void editModalOpensWithTheCurrentValuesAndSaves() {
		User user = user("katherine", "Katherine Johnson");
		this.profiles.update(user.getId(),
				new ProfileData(null, "Computes trajectories.", null, null, "+1 757 555 0100", null, null));
		signIn("katherine");

		openEditModal();
		assertThat(value("#pf-accountEmail")).isEqualTo("katherine@example.com");
		assertThat(value("#pf-fullName")).isEqualTo("Katherine Johnson");
		assertThat(value("#pf-bio")).isEqualTo("Computes trajectories.");
		assertThat(value("#pf-phone")).isEqualTo("+1 757 555 0100");
		assertThat(value("#pf-contactEmail")).as("contact email pre-filled").isEqualTo("katherine@example.com");
		this.browser.screenshot("edit-profile");

		this.browser.type("#pf-fullName", "Katherine G. Johnson");
		this.browser.type("#pf-address", "1 NASA Drive, Hampton");
		this.browser.type("#pf-zipcode", "VA 23681");
		this.browser.type("#pf-phone", "+44 20 7946 0958");
		this.browser.type("#pf-website", "https://example.org/katherine");
		this.browser.find("#edit-profile-save").click();
		this.browser.modalClosed("edit-profile-modal");
		this.browser.textIn("#toasts", "Your profile has been saved.");

		assertThat(detail("fullName")).isEqualTo("Katherine G. Johnson");
		assertThat(detail("zipcode")).isEqualTo("VA 23681");
		assertThat(this.browser.find("[data-field=website] a").getDomAttribute("href"))
			.isEqualTo("https://example.org/katherine");

		open("/profile");
		assertThat(detail("fullName")).as("saved, not just shown").isEqualTo("Katherine G. Johnson");
		assertThat(detail("phone")).isEqualTo("+44 20 7946 0958");
		assertThat(detail("address")).isEqualTo("1 NASA Drive, Hampton");
	}

	@Test
	void theBioKeepsItsLineBreaks() {
		User user = user("dorothy", "Dorothy Vaughan");
		this.profiles.update(user.getId(), new ProfileData(null, "Mathematician.\nFORTRAN teacher.\n<b>Not bold</b>",
				null, null, null, null, null));
		signIn("dorothy");
		assertThat(detail("bio")).isEqualTo("Mathematician.\nFORTRAN teacher.\n<b>Not bold</b>");
		assertThat(this.browser.findAll("#profile-details [data-field=bio] b")).as("text, not markup").isEmpty();
	}

	@Test
	void badWebsiteAndPhoneGetFieldErrors() {
		user("mallory", "Mallory Example");
		signIn("mallory");
		// The 400 answer to the PUT is logged by Chromium as a failed resource.
		this.browser.allowConsoleError("status of 400");

		openEditModal();
		this.browser.type("#pf-website", "javascript:alert(1)");
		this.browser.type("#pf-phone", "12");
		this.browser.find("#edit-profile-save").click();

		this.browser.textIn("#edit-profile-alert", "Please correct the highlighted fields.");
		assertThat(this.browser.find("#pf-website").getDomAttribute("class")).contains("is-invalid");
		assertThat(this.browser.find("#pf-phone").getDomAttribute("class")).contains("is-invalid");
		assertThat(this.browser.find("#pf-website-error").getText()).isNotBlank();
		assertThat(this.browser.find("#pf-phone-error").getText()).isNotBlank();
		assertThat(this.browser.find("#pf-fullName").getDomAttribute("class")).doesNotContain("is-invalid");
		assertThat(this.browser.find("#edit-profile-modal").isDisplayed()).as("the modal stays open").isTrue();
		this.browser.screenshot("edit-profile-errors");

		this.browser.find("#edit-profile-modal [data-bs-dismiss=modal].btn-outline-secondary").click();
		this.browser.modalClosed("edit-profile-modal");
		assertThat(detail("website")).as("nothing saved").isEmpty();
		assertThat(detail("phone")).isEmpty();
	}

	@Test
	void avatarUploadShowsProgressThenTheNewImageAndRemoveRestoresTheDefault(@TempDir Path dir) throws IOException {
		User user = user("hedy", "Hedy Lamarr");
		this.profiles.update(user.getId(), new ProfileData(null, "Actress and inventor of frequency hopping.",
				"Kärntner Ring 5, Vienna", "1010", "+43 1 5880 0", "hedy@example.org", "https://example.org/hedy"));
		signIn("hedy");
		String defaultSource = this.browser.find("#avatar-image").getDomProperty("src");
		assertThat(avatarLoaded()).isTrue();
		assertThat(cornerColour()).as("the default avatar").isNotEqualTo(rgb(UPLOAD_COLOUR));
		assertThat(this.browser.find("#avatar-remove").isDisplayed()).isFalse();

		// Records the progress bar's changes: the upload to localhost is too quick to
		// see.
		this.browser.script("""
				window.__progress = [];
				const progress = document.getElementById('avatar-progress');
				new MutationObserver((records) => records.forEach((record) => window.__progress.push(
				    record.attributeName + '=' + progress.getAttribute(record.attributeName))))
				  .observe(progress, { attributes: true, attributeFilter: ['class', 'aria-valuenow'] });
				""");
		this.browser.find("#avatar-input").sendKeys(picture(dir).toString());

		this.browser.until("the uploaded avatar shown", (d) -> {
			String src = this.browser.find("#avatar-image").getDomProperty("src");
			return !src.startsWith("blob:") && !src.equals(defaultSource) && avatarLoaded();
		});
		this.browser.textIn("#toasts", "Your photo has been updated.");
		List<String> progress = this.browser.script("return window.__progress;");
		assertThat(progress).as("the progress bar was shown, reached 100 % and was hidden again")
			.anyMatch((change) -> change.startsWith("class=") && !change.contains("d-none"))
			.contains("aria-valuenow=100")
			.last()
			.satisfies((change) -> assertThat(change).startsWith("class=").contains("d-none"));
		assertThat(cornerColour()).isEqualTo(rgb(UPLOAD_COLOUR));
		assertThat(this.browser.find("header img[data-avatar-self]").getDomProperty("src"))
			.as("the header avatar follows")
			.isEqualTo(this.browser.find("#avatar-image").getDomProperty("src"));
		assertThat(this.profiles.findImage(user.getId())).isPresent();
		this.browser.visible("#avatar-remove");
		this.browser.screenshot("profile");

		this.browser.find("#avatar-remove").click();
		this.browser.textIn("#toasts", "Your photo has been removed.");
		this.browser.until("the default avatar back",
				(d) -> avatarLoaded() && !rgb(UPLOAD_COLOUR).equals(cornerColour()));
		assertThat(this.browser.find("#avatar-remove").isDisplayed()).isFalse();
		assertThat(this.profiles.findImage(user.getId())).isEmpty();
	}

	private void openEditModal() {
		this.browser.find("#edit-profile-button").click();
		this.browser.modal("edit-profile-modal");
		this.browser.until("profile loaded into the form", (d) -> this.browser.find("#edit-profile-save").isEnabled());
	}

	private String value(String css) {
		return this.browser.find(css).getDomProperty("value");
	}

	private String detail(String field) {
		return this.browser.find("#profile-details [data-field=" + field + "]").getText();
	}

	private boolean avatarLoaded() {
		return this.browser.script("const img = document.getElementById('avatar-image');"
				+ " return img.complete && img.naturalWidth > 0;");
	}

	/**
	 * The avatar's top-left pixel as "r,g,b", rounded to 16 levels to allow for
	 * re-encoding (same origin, so the canvas may read it).
	 */
	private String cornerColour() {
		return this.browser.script("""
				const img = document.getElementById('avatar-image');
				const canvas = document.createElement('canvas');
				canvas.width = img.naturalWidth;
				canvas.height = img.naturalHeight;
				const context = canvas.getContext('2d');
				context.drawImage(img, 0, 0);
				const [r, g, b] = context.getImageData(1, 1, 1, 1).data.map((c) => Math.round(c / 16));
				return r + ',' + g + ',' + b;
				""");
	}

	private static String rgb(Color colour) {
		return Math.round(colour.getRed() / 16f) + "," + Math.round(colour.getGreen() / 16f) + ","
				+ Math.round(colour.getBlue() / 16f);
	}

	private static Path picture(Path dir) throws IOException {
		Path file = dir.resolve("portrait.png");
		Files.write(file, Pictures.portrait(640, UPLOAD_COLOUR, new Color(102, 16, 242)));
		return file;
	}

}
