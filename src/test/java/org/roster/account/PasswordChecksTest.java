package org.roster.account;

import java.time.Instant;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The current password that a password change or a self-deletion asks for is checked like
 * a sign-in: wrong ones count toward the same lockout and the same throttle, so a stolen
 * session cannot guess the password at full speed.
 */
@DatabaseTest
class PasswordChecksTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	AccountTestSupport accounts;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	@Test
	void wrongCurrentPasswordsOnThePasswordFormLockTheAccountLikeFailedSignIns() throws Exception {
		User user = this.accounts.user("guessed");
		Cookie session = AccountTestSupport.signIn(this.mvc, "guessed", AccountTestSupport.PASSWORD);
		RequestPostProcessor client = AccountTestSupport.freshClient();
		for (int i = 0; i < 5; i++) {
			Map<String, String> errors = changePassword(session, client, "guess-number-" + i,
					"violet-harbour-engine-93");
			assertThat(errors).containsEntry("currentPassword", "The password is not right.");
		}
		User locked = this.users.get(user.getId());
		assertThat(locked.getFailedLogins()).isEqualTo(5);
		assertThat(locked.isLockedAt(Instant.now())).isTrue();
		// Now even the right password is refused, and says why; so is a sign-in.
		assertThat(changePassword(session, client, AccountTestSupport.PASSWORD, "violet-harbour-engine-93"))
			.containsEntry("currentPassword",
					"Too many wrong passwords: the account is locked for a few minutes. Try again later.");
		assertThat(this.users.get(user.getId()).getPasswordHash()).isEqualTo(user.getPasswordHash());
		this.mvc
			.perform(post("/login").with(csrf())
				.with(AccountTestSupport.freshClient())
				.param("username", "guessed")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(forwardedUrl(LoginController.FAILED));
	}

	@Test
	void aWrongPasswordForSelfDeletionCountsAlthoughTheDeletionRollsBack() throws Exception {
		User user = this.accounts.user("deleter");
		Cookie session = AccountTestSupport.signIn(this.mvc, "deleter", AccountTestSupport.PASSWORD);
		for (int i = 0; i < 2; i++) {
			this.mvc
				.perform(delete("/delete_user").param("id", Long.toString(user.getId()))
					.cookie(session)
					.with(csrf())
					.with(AccountTestSupport.freshClient())
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"password\": \"not-it-" + i + "\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.password").value("The password is not right."));
		}
		assertThat(this.users.get(user.getId()).getFailedLogins()).isEqualTo(2);
	}

	@Test
	void passwordChecksShareTheSignInThrottleOfTheClientAddress() throws Exception {
		User user = this.accounts.user("throttled");
		RequestPostProcessor client = AccountTestSupport.freshClient();
		Cookie session = AccountTestSupport.signIn(this.mvc, "throttled", AccountTestSupport.PASSWORD);
		// Sign-ins and password checks from one address draw from one bucket of 30 a
		// minute (it refills gradually, so a few more may pass).
		for (int i = 0; i < 15; i++) {
			this.mvc
				.perform(post("/login").with(csrf()).with(client).param("username", "nobody").param("password", "x"))
				.andExpect(forwardedUrl(LoginController.FAILED));
		}
		int refused = 0;
		for (int i = 0; i < 25; i++) {
			int status = this.mvc
				.perform(post("/profile/password").with(csrf())
					.with(client)
					.cookie(session)
					.param("currentPassword", "")
					.param("newPassword", "")
					.param("newPasswordConfirm", ""))
				.andReturn()
				.getResponse()
				.getStatus();
			if (status == 429) {
				refused++;
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(5);
		// A self-deletion is a password check too, answered as problem details (the
		// bucket refills one attempt every 2 s, which a slow run may see: allow a few).
		MvcResult throttled = null;
		for (int i = 0; i < 10 && throttled == null; i++) {
			MvcResult result = this.mvc
				.perform(delete("/delete_user").param("id", Long.toString(user.getId()))
					.cookie(session)
					.with(csrf())
					.with(client)
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"password\": \"x\"}"))
				.andReturn();
			if (result.getResponse().getStatus() == 429) {
				throttled = result;
			}
		}
		assertThat(throttled).as("a 429 for the self-deletion").isNotNull();
		assertThat(throttled.getResponse().getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(this.users.findById(user.getId())).isPresent();
	}

	@Test
	void thePasswordFormSaysWhatIsMissingAndRefusesTheCurrentPasswordAgain() throws Exception {
		User user = this.accounts.user("formfiller");
		Cookie session = AccountTestSupport.signIn(this.mvc, "formfiller", AccountTestSupport.PASSWORD);
		RequestPostProcessor client = AccountTestSupport.freshClient();
		assertThat(changePassword(session, client, "", "", ""))
			.containsEntry("currentPassword", "Enter your current password.")
			.containsEntry("newPassword", "Enter a new password.")
			.containsEntry("newPasswordConfirm", "Repeat the new password.");
		assertThat(changePassword(session, client, AccountTestSupport.PASSWORD, AccountTestSupport.PASSWORD))
			.containsOnlyKeys("newPassword")
			.containsEntry("newPassword", "Choose a password other than the current one.");
		assertThat(changePassword(session, client, AccountTestSupport.PASSWORD, "violet-harbour-engine-93",
				"violet-harbour-engine-39"))
			.containsOnlyKeys("newPasswordConfirm");
		// None of these checked the current password, so none counted as a failure.
		assertThat(this.users.get(user.getId()).getFailedLogins()).isZero();

		// The errors stand next to their fields on the page the form returns to (in a
		// fresh session: the flash messages above wait in the first one).
		Cookie another = AccountTestSupport.signIn(this.mvc, "formfiller", AccountTestSupport.PASSWORD);
		this.mvc
			.perform(post("/profile/password").with(csrf())
				.with(client)
				.cookie(another)
				.param("currentPassword", AccountTestSupport.PASSWORD)
				.param("newPassword", "")
				.param("newPasswordConfirm", ""))
			.andExpect(redirectedUrl("/profile#password-form"));
		String page = this.mvc.perform(get("/profile").accept("text/html").cookie(another))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).containsPattern(
				"id=\"newPassword\"[^>]*class=\"form-control is-invalid\"|class=\"form-control is-invalid\"[^>]*id=\"newPassword\"")
			.contains("id=\"newPassword-error\">Enter a new password.</div>")
			.contains("id=\"newPasswordConfirm-error\">Repeat the new password.</div>")
			.doesNotContain("id=\"currentPassword-error\"");
	}

	private Map<String, String> changePassword(Cookie session, RequestPostProcessor client, String current,
			String wanted) throws Exception {
		return changePassword(session, client, current, wanted, wanted);
	}

	@SuppressWarnings("unchecked")
	private Map<String, String> changePassword(Cookie session, RequestPostProcessor client, String current,
			String wanted, String confirm) throws Exception {
		MvcResult result = this.mvc
			.perform(post("/profile/password").with(csrf())
				.with(client)
				.cookie(session)
				.param("currentPassword", current)
				.param("newPassword", wanted)
				.param("newPasswordConfirm", confirm))
			.andExpect(redirectedUrl("/profile#password-form"))
			.andReturn();
		return (Map<String, String>) result.getFlashMap().get(PasswordChangeController.ERRORS);
	}

}
