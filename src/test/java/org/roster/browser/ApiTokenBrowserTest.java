package org.roster.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Profile → API tokens as a new user meets them: a token made on the page is shown once,
 * lists users with a plain HTTP client, and stops working the moment it is revoked in the
 * page; an admin sees and revokes another user's token in the edit dialog.
 */
class ApiTokenBrowserTest extends BrowserTestSupport {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aTokenMadeOnTheProfileIsShownOnceWorksAndStopsWhenRevoked() throws Exception {
		admin("grace", "Grace Hopper");
		user("ada", "Ada Lovelace");
		signIn("grace");
		open("/profile");

		this.browser.find("#token-scope option[value=read]").click();
		this.browser.find("#token-expiry option[value='30']").click();
		String token = makeToken("inventory script");
		assertThat(token).matches("rst_[A-Za-z0-9_-]{43}");
		assertThat(this.browser.focused()).isEqualTo("token-value");
		this.browser.textIn("#toasts", "Token inventory script created.");
		this.browser.textIn("#token-list tbody", "inventory script");
		assertThat(this.browser.find("#token-list tbody").getText()).contains(token.substring(0, 8) + "…")
			.contains("read")
			.doesNotContain(token);
		this.browser.screenshot("api-tokens");
		assertAccessible("profile with a new API token");

		HttpResponse<String> users = listUsers(token);
		assertThat(users.statusCode()).isEqualTo(200);
		assertThat(users.body()).contains("\"total\":2").contains("ada");

		// Shown once: the page opened again has the list, not the token.
		open("/profile");
		this.browser.textIn("#token-list tbody", "inventory script");
		assertThat(this.browser.find("#token-created").isDisplayed()).isFalse();
		assertThat(this.browser.driver().getPageSource()).doesNotContain(token);

		// Revoke, confirmed in the row.
		this.browser.find("#token-list .token-revoke").click();
		this.browser.textIn("#token-list tbody", "Revoke inventory script?");
		assertThat(this.browser.focused()).isEqualTo("button");
		this.browser.find("#token-list .token-revoke-confirm").click();
		this.browser.textIn("#toasts", "Token inventory script revoked.");
		this.browser.visible("#token-list .token-empty");
		assertThat(this.browser.findAll("#token-list tbody tr")).isEmpty();

		HttpResponse<String> refused = listUsers(token);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).contains("Bearer error=\"invalid_token\""));
		assertThat(refused.body()).contains("/problems/invalid-token");
	}

	@Test
	void anAdminRevokesAnotherUsersTokenInTheEditDialog() throws Exception {
		admin("hedy", "Hedy Lamarr");
		user("alan", "Alan Turing");
		signIn("alan");
		String token = makeToken("alan's laptop");
		assertThat(editAlan(token).statusCode()).isEqualTo(200);

		signIn("hedy");
		open("/user_list");
		WebElement row = this.browser.visible("#user-rows tr[data-username='alan']");
		row.findElement(By.cssSelector(".btn-edit")).click();
		this.browser.modal("edit-user-modal");
		this.browser.textIn("#edit-token-list tbody", "alan's laptop");
		assertAccessible("edit dialog with the user's API tokens");
		this.browser.find("#edit-token-list .token-revoke").click();
		this.browser.find("#edit-token-list .token-revoke-confirm").click();
		this.browser.textIn("#toasts", "Token alan's laptop revoked.");
		this.browser.visible("#edit-token-list .token-empty");
		assertThat(editAlan(token).statusCode()).isEqualTo(401);
	}

	/**
	 * Makes a token on the open profile page and returns it as the page shows it, once.
	 */
	private String makeToken(String name) {
		this.browser.type("#token-name", name);
		this.browser.find("#token-create").click();
		return this.browser.visible("#token-value").getDomProperty("value");
	}

	private HttpResponse<String> listUsers(String token) throws Exception {
		return get("/user_list", token);
	}

	private HttpResponse<String> editAlan(String token) throws Exception {
		return get("/edit_user?id=" + this.users.findByLogin("alan").orElseThrow().getId(), token);
	}

	/** What a script sees: a plain HTTP client, no cookie, the token in the header. */
	private HttpResponse<String> get(String path, String token) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
