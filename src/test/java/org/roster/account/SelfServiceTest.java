package org.roster.account;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The self-service JSON routes: the live email check and deleting one's own account.
 */
@DatabaseTest
class SelfServiceTest {

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
		new TestDatabase(this.dataSource).deleteAllUsers();
	}

	@Test
	void usersDeleteTheirOwnAccountOnlyWithTheirPassword() throws Exception {
		User bob = this.accounts.user("bob");
		this.mvc.perform(delete("/delete_user").param("id", id(bob)).with(as(bob)).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("/problems/own-account"))
			.andExpect(jsonPath("$.detail").value("Confirm with your password to delete your account."));
		this.mvc
			.perform(delete("/delete_user").param("id", id(bob))
				.with(as(bob))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\": \"guess-guess-guess\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/validation"))
			.andExpect(jsonPath("$.detail").value("Some fields are not valid."))
			.andExpect(jsonPath("$.errors.password").value("The password is not right."));
		assertThat(this.users.findById(bob.getId())).isPresent();
		this.mvc
			.perform(delete("/delete_user").param("id", id(bob))
				.with(as(bob))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"password\": \"" + AccountTestSupport.PASSWORD + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.deleted").value(true));
		assertThat(this.users.findById(bob.getId())).isEmpty();
	}

	@Test
	void adminsDeleteTheirOwnAccountFromTheProfilePageOnly() throws Exception {
		User admin = this.accounts.admin("boss");
		this.mvc.perform(delete("/delete_user").param("id", id(admin)).with(as(admin)).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.type").value("/problems/own-account"))
			.andExpect(jsonPath("$.detail").value(
					"You cannot delete your own account from the list. Use your profile page and confirm with your password."));
		assertThat(this.users.findById(admin.getId())).isPresent();
	}

	@Test
	void emailExistsAnswersAnyoneIsCaseInsensitiveHonoursExcludeIdAndIsThrottled() throws Exception {
		User alice = this.accounts.user("alice");
		var client = AccountTestSupport.freshClient();
		this.mvc.perform(get("/email_exists").param("email", "ALICE@example.com").with(client))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("alice@example.com"))
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.exists").value(true));
		this.mvc
			.perform(
					get("/email_exists").param("email", "alice@example.com").param("excludeId", id(alice)).with(client))
			.andExpect(jsonPath("$.exists").value(false));
		this.mvc.perform(get("/email_exists").param("email", "no-at-sign").with(client))
			.andExpect(jsonPath("$.valid").value(false))
			.andExpect(jsonPath("$.exists").value(false));
		this.mvc.perform(get("/email_exists").param("email", "a".repeat(250) + "@x.io").with(client))
			.andExpect(jsonPath("$.valid").value(false));
		this.mvc.perform(get("/email_exists").param("email", "x@y.io").param("excludeId", "abc").with(client))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/bad-request"));
		this.mvc.perform(get("/email_exists").with(client))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/bad-request"));
		for (int i = 0; i < 24; i++) {
			this.mvc.perform(get("/email_exists").param("email", "n" + i + "@example.com").with(client))
				.andExpect(status().isOk());
		}
		this.mvc.perform(get("/email_exists").param("email", "over@example.com").with(client))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static String id(User user) {
		return Long.toString(user.getId());
	}

}
