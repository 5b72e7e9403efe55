package org.roster.account;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@DatabaseTest
class RegistrationTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	DataSource dataSource;

	@Test
	void registersAPlainActiveUserAndIgnoresEveryOtherPostedField() throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", "Mallory")
				.param("email", "Mallory@Example.org")
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", AccountTestSupport.PASSWORD)
				.param("role", "ADMIN")
				.param("status", "SUSPENDED")
				.param("failedLogins", "9")
				.param("id", "777"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login?registered"));

		User user = this.users.findByLogin("mallory").orElseThrow();
		assertThat(user.getUsername()).isEqualTo("Mallory");
		assertThat(user.getEmail()).isEqualTo("mallory@example.org");
		assertThat(user.getRole()).isEqualTo(Role.USER);
		assertThat(user.getStatus()).isEqualTo(UserStatus.ACTIVE);
		assertThat(user.getFailedLogins()).isZero();
		assertThat(user.getId()).isNotEqualTo(777L);
		assertThat(user.getPasswordHash()).startsWith("{argon2}").doesNotContain(AccountTestSupport.PASSWORD);
		assertThat(new TestDatabase(this.dataSource).count("user_profiles", "user_id = ?", user.getId())).isOne();
	}

	@Test
	void refusesWeakLongAndPersonalPasswordsWithAMessageNextToTheField() throws Exception {
		assertRefused("weakling", "password1", "too easy to guess");
		assertRefused("shorty", "aB3$xq", "at least 8");
		assertRefused("longname", "x".repeat(60) + "Q9!zt-river-".repeat(6), "at most 128");
		assertRefused("zebracorn", "zebracorn-tangerine-orbit", "must not contain your username");
		assertThat(this.users.findByLogin("weakling")).isEmpty();
		assertThat(this.users.findByLogin("zebracorn")).isEmpty();
	}

	@Test
	void acceptsLongPassphrasesUpTo128Characters() throws Exception {
		String passphrase = "correct-horse-battery-staple-" + "tangerine orbit piano ".repeat(4) + "x";
		passphrase = passphrase + "q".repeat(128 - passphrase.length());
		assertThat(passphrase).hasSize(128);
		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", "longpass")
				.param("email", "longpass@example.org")
				.param("password", passphrase)
				.param("passwordConfirm", passphrase))
			.andExpect(redirectedUrl("/login?registered"));
		assertThat(this.users.findByLogin("longpass")).isPresent();
	}

	@Test
	void keepsWhatWasTypedExceptThePasswordsAndReportsDuplicatesAndMismatches() throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", "taken1")
				.param("email", "taken1@example.org")
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", AccountTestSupport.PASSWORD))
			.andExpect(status().is3xxRedirection());

		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", "TAKEN1")
				.param("email", "Taken1@Example.org")
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", "something-else-entirely"))
			.andExpect(status().isOk())
			.andExpect(
					model().attribute("errors", allOf(hasKey("username"), hasKey("email"), hasKey("passwordConfirm"))))
			.andExpect(content().string(containsString("value=\"TAKEN1\"")))
			.andExpect(content().string(not(containsString(AccountTestSupport.PASSWORD))));
	}

	@Test
	void usernamesNeedALetterOrDigit() throws Exception {
		for (String username : new String[] { "...", "___", "-.-_" }) {
			this.mvc
				.perform(post("/register").with(csrf())
					.param("username", username)
					.param("email", "dots@example.org")
					.param("password", "violet-harbour-engine-93")
					.param("passwordConfirm", "violet-harbour-engine-93"))
				.andExpect(status().isOk())
				.andExpect(model().attribute("errors",
						hasEntry(equalTo("username"), containsString("at least one letter or digit"))));
		}
		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", "a.b")
				.param("email", "ab@example.org")
				.param("password", "violet-harbour-engine-93")
				.param("passwordConfirm", "violet-harbour-engine-93"))
			.andExpect(redirectedUrl("/login?registered"));
	}

	@Test
	void registrationWithoutCsrfTokenIsRefused() throws Exception {
		this.mvc
			.perform(post("/register").param("username", "nocsrf")
				.param("email", "nocsrf@example.org")
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", AccountTestSupport.PASSWORD))
			.andExpect(status().isForbidden());
		assertThat(this.users.findByLogin("nocsrf")).isEmpty();
	}

	@Test
	void registrationPageCarriesTheStrengthBarAndCsrfMetaTags() throws Exception {
		this.mvc.perform(get("/register"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andExpect(content().string(containsString("name=\"_csrf_header\"")))
			.andExpect(content().string(containsString("id=\"password-strength\"")))
			.andExpect(content().string(containsString("/webjars/zxcvbn/")));
	}

	private void assertRefused(String username, String password, String message) throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.param("username", username)
				.param("email", username + "@example.org")
				.param("password", password)
				.param("passwordConfirm", password))
			.andExpect(status().isOk())
			.andExpect(model().attribute("errors", hasEntry(equalTo("password"), containsString(message))));
	}

}
