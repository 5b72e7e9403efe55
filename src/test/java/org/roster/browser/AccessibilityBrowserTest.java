package org.roster.browser;

import java.time.Instant;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.roster.user.User;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core on every main page and the modals: no {@code critical} or {@code serious}
 * violation.
 */
class AccessibilityBrowserTest extends BrowserTestSupport {

	@Autowired
	PublicKeyCredentialUserEntityRepository userEntities;

	@Autowired
	UserCredentialRepository credentials;

	@Test
	void anonymousPages() {
		this.browser.deleteCookies();
		open("/login");
		assertAccessible("login");
		submitLogin(this.browser, "nobody-here", "not-a-password");
		this.browser.textIn("#login-error", "Incorrect username or password");
		assertAccessible("login with an error");
		open("/register");
		this.browser.type("#password", "abc");
		this.browser.type("#email", "not-an-address");
		this.browser.textIn("#email-error", "Invalid address.");
		assertAccessible("register with a weak password and a bad email");
	}

	@Test
	void profilePageAndItsModals() {
		user("grace.hopper", "Grace Hopper");
		signIn("grace.hopper");
		assertAccessible("profile");

		this.browser.find("#edit-profile-button").click();
		this.browser.modal("edit-profile-modal");
		this.browser.until("profile loaded", (d) -> this.browser.find("#edit-profile-save").isEnabled());
		assertAccessible("edit profile modal");
		this.browser.find("#edit-profile-modal .btn-close").click();
		this.browser.modalClosed("edit-profile-modal");

		this.browser.find("[data-bs-target='#delete-self-modal']").click();
		this.browser.modal("delete-self-modal");
		assertAccessible("delete account modal");
	}

	@Test
	void profilePasskeysWithTheirFormsAndAnError() {
		User user = user("katherine", null);
		Bytes handle = Bytes.random();
		this.userEntities.save(
				ImmutablePublicKeyCredentialUserEntity.builder().id(handle).name("katherine").displayName("k").build());
		this.credentials.save(ImmutableCredentialRecord.builder()
			.credentialType(PublicKeyCredentialType.PUBLIC_KEY)
			.credentialId(Bytes.random())
			.userEntityUserId(handle)
			.publicKey(new ImmutablePublicKeyCose(new byte[] { 1 }))
			.signatureCount(0)
			.uvInitialized(true)
			.transports(Set.of())
			.backupEligible(false)
			.backupState(false)
			.label("Phone")
			.build());
		signIn("katherine");
		// Not a recent sign-in: every form asks for the current password.
		new JdbcTemplate(this.dataSource)
			.update("DELETE FROM SPRING_SESSION_ATTRIBUTES WHERE ATTRIBUTE_NAME = 'roster.recentSignIn'");
		open("/profile");
		assertThat(this.browser.find("#passkey-list .passkey-label").getText()).isEqualTo("Phone");
		assertAccessible("profile with a passkey, asking for the password");
		this.browser.loadsNewPage("the failed rename",
				() -> this.browser.find("#passkey-list .passkey-rename-submit").click());
		this.browser.textIn("#passkey-password-0-error", "Enter your current password");
		assertAccessible("profile with a passkey's error");
		assertThat(user.getUsername()).isEqualTo("katherine");
	}

	@Test
	void userListAndItsModals() {
		admin("root", "Rooted Admin");
		user("alan", "Alan Turing");
		user("barbara", "Barbara Liskov");
		// A locked and a suspended row: their badges, labels and Unlock button are
		// checked too.
		long locked = user("edsger", "Edsger Dijkstra").getId();
		for (int i = 0; i < 5; i++) {
			this.users.recordFailedLogin(locked);
		}
		this.users.lockUntil(locked, Instant.now().plusSeconds(600));
		this.users.changeStatus(user("frances", "Frances Allen").getId(), UserStatus.SUSPENDED);
		signIn("root");
		open("/user_list");
		assertAccessible("user list");

		this.browser.find("#user-rows tr[data-username='alan'] .btn-edit").click();
		this.browser.modal("edit-user-modal");
		this.browser.until("user loaded", (d) -> this.browser.find("#edit-save").isEnabled());
		assertAccessible("edit user modal");
		this.browser.type("#edit-accountEmail", "barbara@example.com");
		this.browser.textIn("#edit-accountEmail-error", "Already taken.");
		assertAccessible("edit user modal with an error");
		this.browser.find("#edit-user-modal .btn-close").click();
		this.browser.modalClosed("edit-user-modal");

		this.browser.find("#user-rows tr[data-username='barbara'] .btn-delete").click();
		this.browser.modal("delete-user-modal");
		assertAccessible("delete user modal");
		this.browser.find("#delete-cancel").click();
		this.browser.modalClosed("delete-user-modal");

		this.browser.find("#import-csv-button").click();
		this.browser.modal("import-users-modal");
		assertAccessible("import CSV modal");
		this.browser.find("#import-users-modal .btn-close").click();
		this.browser.modalClosed("import-users-modal");

		open("/user_list?q=nobody");
		assertAccessible("empty user list");
	}

	@Test
	void dashboardAndActivity() {
		admin("radia", "Radia Perlman");
		user("ken", "Ken Thompson");
		this.browser.deleteCookies();
		this.browser.get(url("/login"));
		submitLogin(this.browser, "ken", "not-his-password");
		signIn("radia");
		this.browser.pathIs("/dashboard");
		this.browser.until("the charts are drawn", (d) -> this.browser
			.<Boolean>script("return !!Chart.getChart(document.getElementById('signins-chart'))"));
		assertAccessible("dashboard");
		open("/activity");
		assertAccessible("activity log");
		open("/activity?action=lockout");
		assertAccessible("empty activity log");
	}

	@Test
	void secondFactorPages() throws Exception {
		user("mary.jackson", "Mary Jackson");
		signIn("mary.jackson");
		assertAccessible("profile with the sign-in methods");
		open("/profile/authenticator");
		assertAccessible("authenticator set-up");
		AuthenticatorApp phone = AuthenticatorApp.scan(this.browser.find("#qr-code").getAttribute("src"));
		this.browser.type("#code", "000000");
		this.browser.loadsNewPage("the set-up with an error", () -> this.browser.find("#setup-submit").click());
		assertAccessible("authenticator set-up with a wrong code");
		this.browser.type("#code", phone.code(0));
		this.browser.loadsNewPage("the recovery codes", () -> this.browser.find("#setup-submit").click());
		assertAccessible("recovery codes");
		open("/profile");
		assertAccessible("profile with an authenticator");
		this.browser.deleteCookies();
		open("/login");
		submitLogin(this.browser, "mary.jackson", PASSWORD);
		this.browser.pathIs("/login/code");
		assertAccessible("code page");
		this.browser.type("#code", "000000");
		this.browser.loadsNewPage("the code page again", () -> this.browser.find("#code-submit").click());
		assertAccessible("code page with an error");
	}

	@Test
	void errorPage() {
		user("plain", null);
		signIn("plain");
		this.browser.allowConsoleError("status of 403");
		open("/user_list");
		assertAccessible("403 page");
	}

}
