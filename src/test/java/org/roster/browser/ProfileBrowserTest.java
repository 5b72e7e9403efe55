package org.roster.browser;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roster.profile.ProfileData;
import org.roster.user.User;

import static org.assertj.core.api.Assertions.assertThat;

/** My profile: the edit modal and the avatar upload. */
class ProfileBrowserTest extends BrowserTestSupport {

	/** The uploaded avatar's colour, far from the default avatar's. */
	static final Color UPLOAD_COLOUR = new Color(200, 30, 120);

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
		assertThat(value("#pf-email")).as("contact email pre-filled").isEqualTo("katherine@example.com");
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
		signIn("hedy");
		String defaultSource = this.browser.find("#avatar-image").getDomProperty("src");
		assertThat(avatarLoaded()).isTrue();
		assertThat(centreColour()).as("the default avatar").isNotEqualTo(rgb(UPLOAD_COLOUR));
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
		assertThat(centreColour()).isEqualTo(rgb(UPLOAD_COLOUR));
		assertThat(this.browser.find("header img[data-avatar-self]").getDomProperty("src"))
			.as("the header avatar follows")
			.isEqualTo(this.browser.find("#avatar-image").getDomProperty("src"));
		assertThat(this.profiles.findImage(user.getId())).isPresent();
		this.browser.visible("#avatar-remove");
		this.browser.screenshot("profile");

		this.browser.find("#avatar-remove").click();
		this.browser.textIn("#toasts", "Your photo has been removed.");
		this.browser.until("the default avatar back",
				(d) -> avatarLoaded() && !rgb(UPLOAD_COLOUR).equals(centreColour()));
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

	/** The avatar's centre pixel as "r,g,b" (same origin, so the canvas may read it). */
	private String centreColour() {
		return this.browser.script("""
				const img = document.getElementById('avatar-image');
				const canvas = document.createElement('canvas');
				canvas.width = img.naturalWidth;
				canvas.height = img.naturalHeight;
				const context = canvas.getContext('2d');
				context.drawImage(img, 0, 0);
				const [r, g, b] = context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data;
				return r + ',' + g + ',' + b;
				""");
	}

	private static String rgb(Color colour) {
		return colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue();
	}

	private static Path picture(Path dir) throws IOException {
		BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(UPLOAD_COLOUR);
		graphics.fillRect(0, 0, 640, 480);
		graphics.dispose();
		Path file = dir.resolve("portrait.png");
		ImageIO.write(image, "png", file.toFile());
		assertThat(Files.size(file)).isPositive();
		return file;
	}

}
