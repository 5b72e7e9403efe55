package org.roster.account;

import java.time.Duration;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;
import org.roster.testsupport.DatabaseTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@DatabaseTest
class SessionsAndHeadersTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	SessionRevoker revoker;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	AccountTestSupport accounts;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	@Test
	void requestsWriteTheSessionsAccessTimeAtMostOnceAMinute() throws Exception {
		this.accounts.user("oftenback");
		Cookie session = signIn("oftenback", AccountTestSupport.PASSWORD);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String select = "SELECT LAST_ACCESS_TIME FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'oftenback'";
		long signedInAt = jdbc.queryForObject(select, Long.class);
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(status().isOk());
		}
		assertThat(jdbc.queryForObject(select, Long.class)).isEqualTo(signedInAt);

		long twoMinutesAgo = System.currentTimeMillis() - 120_000;
		jdbc.update("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = ? WHERE PRINCIPAL_NAME = 'oftenback'", twoMinutesAgo);
		long before = System.currentTimeMillis();
		this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(status().isOk());
		assertThat(jdbc.queryForObject(select, Long.class)).isGreaterThanOrEqualTo(before);
		assertThat(jdbc.queryForObject(
				"SELECT EXPIRY_TIME - LAST_ACCESS_TIME FROM SPRING_SESSION" + " WHERE PRINCIPAL_NAME = 'oftenback'",
				Long.class))
			.as("the expiry moves with the recorded access")
			.isEqualTo(Duration.ofHours(8).toMillis());
	}

	@Test
	void suspendedUsersOpenSessionStopsWorkingOnTheNextRequest() throws Exception {
		User user = this.accounts.user("soonsuspended");
		Cookie session = signIn("soonsuspended", AccountTestSupport.PASSWORD);
		this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(status().isOk());

		this.users.changeStatus(user.getId(), UserStatus.SUSPENDED);
		this.revoker.revokeAll(user);

		this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/edit_user?id=" + user.getId()).accept("application/json").cookie(session))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void sessionsEndOnlyOnceTheChangeCommitsAndNotAtAllWhenItRollsBack() throws Exception {
		User user = this.accounts.user("committed");
		Cookie session = signIn("committed", AccountTestSupport.PASSWORD);
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		String count = "SELECT count(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'committed'";

		transaction.executeWithoutResult((status) -> {
			this.revoker.revokeAll(user);
			status.setRollbackOnly();
		});
		assertThat(jdbc.queryForObject(count, Integer.class)).as("a change that rolled back ends nothing").isOne();

		transaction.executeWithoutResult((status) -> {
			this.revoker.revokeAll(user);
			assertThat(jdbc.queryForObject(count, Integer.class)).as("not before the commit").isOne();
		});
		assertThat(jdbc.queryForObject(count, Integer.class)).isZero();
		this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void changingThePasswordEndsTheOtherSessionsButNotThisOne() throws Exception {
		this.accounts.user("changer");
		Cookie laptop = signIn("changer", AccountTestSupport.PASSWORD);
		Cookie phone = signIn("changer", AccountTestSupport.PASSWORD);
		String next = "violet-harbour-engine-93";
		this.mvc
			.perform(post("/profile/password").with(csrf())
				.cookie(laptop)
				.param("currentPassword", AccountTestSupport.PASSWORD)
				.param("newPassword", next)
				.param("newPasswordConfirm", next))
			.andExpect(redirectedUrl("/profile"));
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(status().isOk());
		this.mvc.perform(get("/profile").accept("text/html").cookie(phone)).andExpect(redirectedUrl("/login"));
		signIn("changer", next);
	}

	@Test
	void passwordChangeRefusesAWrongCurrentPasswordAndAWeakNewOne() throws Exception {
		User user = this.accounts.user("careful");
		Cookie session = signIn("careful", AccountTestSupport.PASSWORD);
		String hash = this.users.get(user.getId()).getPasswordHash();
		this.mvc
			.perform(post("/profile/password").with(csrf())
				.cookie(session)
				.param("currentPassword", "not-my-password")
				.param("newPassword", "violet-harbour-engine-93")
				.param("newPasswordConfirm", "violet-harbour-engine-93"))
			.andExpect(redirectedUrl("/profile#password-form"));
		this.mvc
			.perform(post("/profile/password").with(csrf())
				.cookie(session)
				.param("currentPassword", AccountTestSupport.PASSWORD)
				.param("newPassword", "password1")
				.param("newPasswordConfirm", "password1"))
			.andExpect(redirectedUrl("/profile#password-form"));
		assertThat(this.users.get(user.getId()).getPasswordHash()).isEqualTo(hash);
	}

	@Test
	void everyStateChangeNeedsTheCsrfToken() throws Exception {
		User admin = this.accounts.admin("csrfadmin");
		this.mvc
			.perform(put("/update_status").with(AccountTestSupport.as(admin))
				.contentType("application/json")
				.content("{\"id\": " + admin.getId() + ", \"status\": \"ACTIVE\"}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/profile/password").with(AccountTestSupport.as(admin))
				.param("currentPassword", AccountTestSupport.PASSWORD))
			.andExpect(status().isForbidden());
	}

	@Test
	void securityHeadersAreOnEveryPage() throws Exception {
		User user = this.accounts.user("headers");
		assertSecurityHeaders(this.mvc.perform(get("/login")));
		assertSecurityHeaders(this.mvc.perform(get("/register")));
		assertSecurityHeaders(this.mvc.perform(get("/profile").with(AccountTestSupport.as(user))));
		assertSecurityHeaders(this.mvc.perform(get("/user_list").with(AccountTestSupport.as(user))));
		assertSecurityHeaders(this.mvc.perform(get("/email_exists?email=a@b.co")));
	}

	@Test
	void aPlainUserGetsTheForbiddenPageAndAnonymousVisitorsAreSentToLogin() throws Exception {
		User user = this.accounts.user("plainuser");
		this.mvc.perform(get("/user_list").with(AccountTestSupport.as(user)).accept("text/html"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/user_list").accept("text/html")).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/profile").accept("text/html")).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/user_list").accept("application/json"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
	}

	@Test
	void aPageVisitedAgainBeforeSigningInIsSentToLoginAgain() throws Exception {
		jakarta.servlet.http.Cookie saved = this.mvc.perform(get("/profile").accept("text/html"))
			.andExpect(redirectedUrl("/login"))
			.andReturn()
			.getResponse()
			.getCookie("REDIRECT_URI");
		org.assertj.core.api.Assertions.assertThat(saved).as("the page to return to").isNotNull();
		// The saved address keeps no headers: the second visit is still a page visit.
		this.mvc.perform(get("/profile").accept("text/html").cookie(saved)).andExpect(redirectedUrl("/login"));
	}

	private void assertSecurityHeaders(ResultActions result) throws Exception {
		result.andExpect(header().string("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(header().string("X-Frame-Options", "DENY"));
		assertThat(SecurityConfig.CONTENT_SECURITY_POLICY).doesNotContain("unsafe-inline");
	}

	private Cookie signIn(String username, String password) throws Exception {
		return AccountTestSupport.signIn(this.mvc, username, password);
	}

}
