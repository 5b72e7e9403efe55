package org.roster.account;

import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@DatabaseTest
class LoginTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	AccountTestSupport accounts;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	@Test
	void signsInWithUsernameOrEmailInAnyCaseAndRecordsTheTime() throws Exception {
		User user = this.accounts.user("Grace");
		login("GRACE", AccountTestSupport.PASSWORD).andExpect(redirectedUrl("/profile"));
		login("grace@EXAMPLE.com", AccountTestSupport.PASSWORD).andExpect(redirectedUrl("/profile"));
		assertThat(this.users.get(user.getId()).getLastLoginAt()).isNotNull();
	}

	@Test
	void unknownUserWrongPasswordAndLockedAccountGetTheSameAnswer() throws Exception {
		User user = this.accounts.user("locky");
		String unknown = failureText(login("nobody-here", AccountTestSupport.PASSWORD));
		String wrong = failureText(login("locky", "not-the-password-at-all"));
		for (int i = 0; i < 4; i++) {
			login("locky", "not-the-password-at-all");
		}
		assertThat(this.users.get(user.getId()).isLockedAt(Instant.now())).isTrue();
		String locked = failureText(login("locky", AccountTestSupport.PASSWORD));
		assertThat(unknown).isEqualTo(wrong).isEqualTo(locked).contains("Incorrect username or password");
	}

	@Test
	void locksAfterFiveFailuresUnlocksWhenTheLockHasPassedAndResetsOnSuccess() throws Exception {
		User user = this.accounts.user("lockme");
		for (int i = 0; i < 5; i++) {
			login("lockme", "wrong-password-" + i).andExpect(forwardedUrl("/login/failed"));
		}
		User locked = this.users.get(user.getId());
		assertThat(locked.getFailedLogins()).isEqualTo(5);
		assertThat(locked.getLockedUntil()).isBetween(Instant.now().plusSeconds(50), Instant.now().plusSeconds(61));
		login("lockme", AccountTestSupport.PASSWORD).andExpect(forwardedUrl("/login/failed"));

		// A sixth failure doubles the lock.
		login("lockme", "wrong-again").andExpect(forwardedUrl("/login/failed"));
		assertThat(this.users.get(user.getId()).getLockedUntil()).isAfter(Instant.now().plusSeconds(110));

		// Once the lock has passed, the right password works and clears the counter.
		new TestDatabase(this.dataSource).jdbc()
			.update("update users set locked_until = ? where id = ?", Timestamp.from(Instant.now().minusSeconds(1)),
					user.getId());
		login("lockme", AccountTestSupport.PASSWORD).andExpect(redirectedUrl("/profile"));
		User after = this.users.get(user.getId());
		assertThat(after.getFailedLogins()).isZero();
		assertThat(after.getLockedUntil()).isNull();
	}

	@Test
	void theLockNeverExceedsMaxLock() throws Exception {
		User user = this.accounts.user("maxlock");
		for (int i = 0; i < 12; i++) {
			login("maxlock", "wrong-" + i);
		}
		assertThat(this.users.get(user.getId()).getLockedUntil()).isBefore(Instant.now().plusSeconds(15 * 60 + 5));
	}

	@Test
	void suspendedUserWithTheRightPasswordIsToldSoOthersAreNot() throws Exception {
		User user = this.accounts.user("suspendee");
		this.users.changeStatus(user.getId(), UserStatus.SUSPENDED);
		String suspended = AccountTestSupport.failedSignInPage(this.mvc,
				login("suspendee", AccountTestSupport.PASSWORD).andReturn());
		assertThat(suspended).contains("This account is suspended").contains("value=\"suspendee\"");
		assertThat(failureText(login("suspendee", "wrong-password-here"))).contains("Incorrect username or password");
	}

	@Test
	void sessionIdChangesAtLoginAndCookieIsHttpOnlyAndLax() throws Exception {
		this.accounts.user("rotator");
		// Viewing the sign-in page stores no session, so the session to replace is an
		// earlier sign-in's, as a shared computer would present it.
		Cookie anonymous = AccountTestSupport.signIn(this.mvc, "rotator", AccountTestSupport.PASSWORD);
		MvcResult after = this.mvc
			.perform(post("/login").with(csrf())
				.with(AccountTestSupport.freshClient())
				.cookie(anonymous)
				.param("username", "rotator")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/profile"))
			.andReturn();
		Cookie signedIn = AccountTestSupport.sessionCookie(after);
		assertThat(signedIn.getValue()).isNotEqualTo(anonymous.getValue());
		assertThat(signedIn.isHttpOnly()).isTrue();
		assertThat(after.getResponse().getHeader("Set-Cookie")).contains("SameSite=Lax");
		this.mvc.perform(get("/profile").accept("text/html").cookie(signedIn)).andExpect(status().isOk());
		this.mvc.perform(get("/profile").accept("text/html").cookie(anonymous)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void throttlesLoginPostsPerClientAddressWith429AndRetryAfter() throws Exception {
		var client = AccountTestSupport.freshClient();
		for (int i = 0; i < 30; i++) {
			this.mvc
				.perform(post("/login").with(csrf())
					.with(client)
					.param("username", "nobody-" + i)
					.param("password", "whatever-" + i))
				.andExpect(forwardedUrl("/login/failed"));
		}
		// The bucket refills gradually (30 a minute), so allow for a few refilled tokens.
		MvcResult refused = null;
		for (int i = 0; i < 15 && refused == null; i++) {
			MvcResult result = this.mvc
				.perform(post("/login").with(csrf()).with(client).param("username", "nobody").param("password", "x"))
				.andReturn();
			if (result.getResponse().getStatus() == 429) {
				refused = result;
			}
		}
		assertThat(refused).as("a 429 after the 30 allowed attempts").isNotNull();
		assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 60L);
		// Another address is not affected.
		login("nobody", "whatever").andExpect(forwardedUrl("/login/failed"));
	}

	@Test
	void logoutNeedsThePostAndTheCsrfToken() throws Exception {
		this.mvc.perform(post("/logout")).andExpect(status().isForbidden());
		this.mvc.perform(post("/logout").with(csrf())).andExpect(redirectedUrl("/login?logout"));
	}

	private ResultActions login(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").with(csrf())
			.with(AccountTestSupport.freshClient())
			.param("username", username)
			.param("password", password));
	}

	private String failureText(ResultActions result) throws Exception {
		return AccountTestSupport.failedSignInPage(this.mvc, result.andReturn())
			.replaceAll("(?s).*id=\"login-error\"[^>]*>([^<]*)<.*", "$1");
	}

}
