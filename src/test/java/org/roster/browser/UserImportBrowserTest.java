package org.roster.browser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin list's "Import CSV" dialog: a file is checked first (what each row does,
 * every error, nothing imported while any remains); the fixed file imports its new
 * accounts, which appear in the list as invited when the dialog closes.
 */
class UserImportBrowserTest extends BrowserTestSupport {

	@TempDir
	Path folder;

	@Test
	void anAdminChecksAFileFixesItAndImportsIt() throws Exception {
		admin("ivy", "Ivy Admin");
		user("jack", "Jack Existing");
		signIn("ivy");
		open("/user_list");
		this.browser.find("#import-csv-button").click();
		this.browser.modal("import-users-modal");

		choose(file("broken.csv", "username,email,full_name\njack,jack@example.com,Jack\nkim,kim@example.com,Kim Lee\n"
				+ "lou,not-an-address,Lou\n"));
		this.browser.find("#import-check").click();
		this.browser.textIn("#import-summary", "To create: 1. To skip: 1. With errors: 1.");
		this.browser.visible("#import-fix");
		assertThat(this.browser.find("#import-confirm").isDisplayed()).isFalse();
		assertThat(this.browser.find("#import-rows tbody tr[data-outcome='error']").getText()).contains("lou")
			.contains("email");
		assertThat(this.browser.find("#import-rows tbody tr[data-outcome='skip']").getText()).contains("jack")
			.contains("exists");
		this.browser.screenshot("user-import-preview", "#import-users-modal .modal-content");
		assertAccessible("import dialog with a preview and errors");

		choose(file("fixed.csv",
				"username,email,full_name\njack,jack@example.com,Jack\nkim,kim@example.com,Kim Lee\n"));
		assertThat(this.browser.find("#import-result").isDisplayed()).as("a new file is checked anew").isFalse();
		this.browser.find("#import-check").click();
		this.browser.textIn("#import-confirm", "Import the new accounts (1)");
		this.browser.find("#import-confirm").click();
		this.browser.textIn("#import-done", "Accounts created: 1.");
		assertThat(this.browser.find("#import-confirm").isDisplayed()).isFalse();
		assertThat(this.users.findByLogin("kim")).hasValueSatisfying((kim) -> assertThat(kim.isInvited()).isTrue());

		this.browser.loadsNewPage("the list again", () -> this.browser.find("#import-users-modal .btn-close").click());
		assertThat(this.browser.visible("#user-rows tr[data-username='kim']").getText()).contains("Kim Lee")
			.contains("invited");
	}

	@Test
	void aFileThatIsNotCsvIsRefusedUnderTheField() throws Exception {
		admin("wes", "Wes Admin");
		signIn("wes");
		open("/user_list");
		this.browser.find("#import-csv-button").click();
		this.browser.modal("import-users-modal");
		this.browser.allowConsoleError("status of 400");
		choose(file("users.csv", "name;mail\nx;y\n"));
		this.browser.find("#import-check").click();
		this.browser.textIn("#import-file-error", "Unknown column \"name;mail\"");
		assertAccessible("import dialog with a refused file");
	}

	private Path file(String name, String content) throws Exception {
		return Files.writeString(this.folder.resolve(name), content, StandardCharsets.UTF_8);
	}

	private void choose(Path file) {
		this.browser.find("#import-file").sendKeys(file.toAbsolutePath().toString());
	}

}
