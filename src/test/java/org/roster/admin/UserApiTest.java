package org.roster.admin;

import java.time.Instant;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every JSON route of docs/API.md, Routes, for the callers who may and the callers who
 * must be refused.
 */
@DatabaseTest
class UserApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	AccountTestSupport accounts;

	TestDatabase db;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
	}

	@Test
	void editUserGetIsForAdminsAndTheUserThemself() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		User bob = this.accounts.user("bob");
		this.mvc.perform(get("/edit_user").param("id", id(alice))).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/edit_user").param("id", id(alice)).with(as(bob)))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(get("/edit_user").param("id", id(alice)).with(as(alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("alice"))
			.andExpect(jsonPath("$.profile.email").value("alice@example.com"))
			.andExpect(jsonPath("$.profile.imageUrl").value("/users/" + alice.getId() + "/image"))
			.andExpect(jsonPath("$.passwordHash").doesNotExist());
		this.mvc.perform(get("/edit_user").param("id", id(alice)).with(as(admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(0));
		this.mvc.perform(get("/edit_user").param("id", "999999").with(as(admin))).andExpect(status().isNotFound());
		this.mvc.perform(get("/edit_user").param("id", "abc").with(as(admin))).andExpect(status().isBadRequest());
		this.mvc.perform(get("/edit_user").with(as(admin))).andExpect(status().isBadRequest());
	}

	@Test
	void editUserPutChangesAccountAndProfileAgainstTheVersion() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		String body = """
				{"email": "Alice.New@Example.com", "role": "ADMIN",
				 "profile": {"fullName": "Alice Liddell", "phone": "+44 20 7946 0958", "website": "https://alice.example"},
				 "version": 0, "status": "SUSPENDED", "failedLogins": 99}""";
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("alice.new@example.com"))
			.andExpect(jsonPath("$.role").value("ADMIN"))
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.failedLogins").value(0))
			.andExpect(jsonPath("$.profile.fullName").value("Alice Liddell"))
			.andExpect(jsonPath("$.profile.email").value("alice@example.com"))
			.andExpect(jsonPath("$.version").value(1));

		// The same stale version again: 409, nothing changes.
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"profile\": {\"fullName\": \"Overwritten\"}, \"version\": 0}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("someone else")));
		assertThat(this.db.jdbc()
			.queryForObject("select full_name from user_profiles where user_id = ?", String.class, alice.getId()))
			.isEqualTo("Alice Liddell");

		// No version at all: 428.
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"profile\": {\"fullName\": \"x\"}}"))
			.andExpect(status().isPreconditionRequired());
	}

	@Test
	void editUserPutValidatesFieldsAndRefusesBadJson() throws Exception {
		User alice = this.accounts.user("alice");
		this.accounts.user("carol");
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"profile": {"website": "javascript:alert(1)", "phone": "12", "zipcode": "<b>", "bio": "%s"},
						 "version": 0}""".formatted("x".repeat(801))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors['profile.website']").exists())
			.andExpect(jsonPath("$.errors['profile.phone']").exists())
			.andExpect(jsonPath("$.errors['profile.zipcode']").exists())
			.andExpect(jsonPath("$.errors['profile.bio']").exists());
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"not-an-address\", \"version\": 0}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.email").exists());
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"CAROL@example.com\", \"version\": 0}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.errors.email").value("already taken"));
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": \"zero\"}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"GOD\", \"version\": 0}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void profileTextRefusesControlCharactersAndDirectionOverridesButKeepsLineBreaks() throws Exception {
		User dana = this.accounts.user("dana");
		editOwn(dana, """
				{"profile": {"fullName": "Dana\\u202Egnp.exe", "bio": "ring\\u0007the bell",
				 "address": "Main St\\u2066 1"}, "version": 0}""").andExpect(status().isBadRequest())
			.andExpect(
					jsonPath("$.errors['profile.fullName']").value("no control characters or text-direction overrides"))
			.andExpect(jsonPath("$.errors['profile.bio']").exists())
			.andExpect(jsonPath("$.errors['profile.address']").exists());
		editOwn(dana, """
				{"profile": {"fullName": "Dana Ng", "bio": "First line\\nsecond line\\ttabbed",
				 "address": "Main St 1\\r\\n00-950 Warsaw"}, "version": 0}""").andExpect(status().isOk())
			.andExpect(jsonPath("$.profile.bio").value("First line\nsecond line\ttabbed"));
		editOwn(dana, "{\"profile\": {\"fullName\": \"Dana\\nNg\"}, \"version\": 1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors['profile.fullName']").exists());
	}

	private ResultActions editOwn(User user, String json) throws Exception {
		return this.mvc.perform(put("/edit_user").param("id", id(user))
			.with(as(user))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anEmailConflictLogsNeitherTheAddressNorSql(CapturedOutput output) throws Exception {
		User erin = this.accounts.user("erin");
		this.accounts.user("frank");
		editOwn(erin, "{\"email\": \"FRANK@example.com\", \"version\": 0}").andExpect(status().isConflict());
		assertThat(output.getAll()).doesNotContainIgnoringCase("frank@example.com")
			.doesNotContainIgnoringCase("users_email_uq")
			.doesNotContain("SQL");
	}

	@Test
	void usersCannotChangeTheirOwnRoleAndAdminsCannotDemoteThemselves() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		User bob = this.accounts.user("bob");
		this.mvc
			.perform(put("/edit_user").param("id", id(alice))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"ADMIN\", \"version\": 0}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(put("/edit_user").param("id", id(bob))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"profile\": {\"fullName\": \"Hacked\"}, \"version\": 0}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(put("/edit_user").param("id", id(admin))
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"USER\", \"version\": 0}"))
			.andExpect(status().isConflict());
		assertThat(this.users.get(alice.getId()).getRole()).isEqualTo(Role.USER);
		assertThat(this.users.get(admin.getId()).getRole()).isEqualTo(Role.ADMIN);
	}

	@Test
	void theLastActiveAdminCannotBeDemotedSuspendedOrDeleted() throws Exception {
		User first = this.accounts.admin("first");
		User second = this.accounts.admin("second");
		// Two active admins: suspending one is fine.
		updateStatus(first, second, "SUSPENDED").andExpect(status().isOk());
		// Now "first" is the only active admin; "second" (still an admin, but suspended)
		// tries to remove it.
		this.mvc
			.perform(put("/edit_user").param("id", id(first))
				.with(as(second))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"USER\", \"version\": 0}"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("last active admin")));
		updateStatus(second, first, "SUSPENDED").andExpect(status().isConflict());
		this.mvc.perform(delete("/delete_user").param("id", id(first)).with(as(second)).with(csrf()))
			.andExpect(status().isConflict());
		User after = this.users.get(first.getId());
		assertThat(after.getRole()).isEqualTo(Role.ADMIN);
		assertThat(after.getStatus()).isEqualTo(UserStatus.ACTIVE);
		// With the second admin active again, the first may be demoted.
		updateStatus(first, second, "ACTIVE").andExpect(status().isOk());
		this.mvc
			.perform(put("/edit_user").param("id", id(first))
				.with(as(second))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"USER\", \"version\": " + after.getVersion() + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.role").value("USER"));
	}

	@Test
	void updateStatusIsForAdminsOnOthersAndActivatingClearsTheLock() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		updateStatus(null, alice, "SUSPENDED").andExpect(status().isUnauthorized());
		updateStatus(alice, alice, "SUSPENDED").andExpect(status().isForbidden());
		updateStatus(admin, admin, "SUSPENDED").andExpect(status().isConflict());
		this.mvc
			.perform(put("/update_status").with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": 999999, \"status\": \"SUSPENDED\"}"))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(put("/update_status").with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": " + alice.getId() + ", \"status\": \"ASLEEP\"}"))
			.andExpect(status().isBadRequest());
		this.mvc
			.perform(put("/update_status").with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"status\": \"ACTIVE\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.id").exists());

		updateStatus(admin, alice, "SUSPENDED").andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("SUSPENDED"))
			.andExpect(jsonPath("$.id").value(alice.getId()));
		for (int i = 0; i < 6; i++) {
			this.users.recordFailedLogin(alice.getId());
		}
		this.users.lockUntil(alice.getId(), Instant.now().plusSeconds(600));
		updateStatus(admin, alice, "ACTIVE").andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ACTIVE"));
		User after = this.users.get(alice.getId());
		assertThat(after.getFailedLogins()).isZero();
		assertThat(after.getLockedUntil()).isNull();
	}

	@Test
	void unlockClearsTheLockWithoutChangingTheStatus() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		this.users.changeStatus(alice.getId(), UserStatus.SUSPENDED);
		this.users.recordFailedLogin(alice.getId());
		this.users.lockUntil(alice.getId(), Instant.now().plusSeconds(600));
		this.mvc.perform(put("/unlock_user").param("id", id(alice)).with(as(alice)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(put("/unlock_user").param("id", id(alice)).with(as(admin)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locked").value(false))
			.andExpect(jsonPath("$.failedLogins").value(0))
			.andExpect(jsonPath("$.status").value("SUSPENDED"));
	}

	@Test
	void suspendingEndsTheUsersOpenSessionAtOnce() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		Cookie session = signIn("alice");
		this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(status().isOk());
		updateStatus(admin, alice, "SUSPENDED").andExpect(status().isOk());
		this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andExpect(redirectedUrl("/login"));
		assertThat(this.db.count("SPRING_SESSION", "PRINCIPAL_NAME = ?", "alice")).isZero();
	}

	@Test
	void changingTheRoleEndsTheUsersOpenSessions() throws Exception {
		User admin = this.accounts.admin("boss");
		User demoted = this.accounts.admin("deputy");
		Cookie session = signIn("deputy");
		this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).cookie(session))
			.andExpect(status().isOk());
		this.mvc
			.perform(put("/edit_user").param("id", id(demoted))
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"USER\", \"version\": " + demoted.getVersion() + "}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).cookie(session))
			.andExpect(status().isUnauthorized());
		assertThat(this.db.count("SPRING_SESSION", "PRINCIPAL_NAME = ?", "deputy")).isZero();
		// Other edits leave the sessions alone.
		Cookie again = signIn("deputy");
		this.mvc
			.perform(put("/edit_user").param("id", id(demoted))
				.with(as(admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"USER\", \"profile\": {\"fullName\": \"Deputy\"}, \"version\": "
						+ this.users.get(demoted.getId()).getVersion() + "}"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/profile").accept("text/html").cookie(again)).andExpect(status().isOk());
	}

	@Test
	void deleteRemovesUserProfileAndSessionsAndFollowsTheRules() throws Exception {
		User admin = this.accounts.admin("boss");
		User alice = this.accounts.user("alice");
		User bob = this.accounts.user("bob");
		Cookie aliceSession = signIn("alice");

		this.mvc.perform(delete("/delete_user").param("id", id(alice)).with(csrf()))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(delete("/delete_user").param("id", id(alice)).with(as(bob)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(delete("/delete_user").param("id", id(admin)).with(as(admin)).with(csrf()))
			.andExpect(status().isConflict());
		this.mvc.perform(delete("/delete_user").param("id", "999999").with(as(admin)).with(csrf()))
			.andExpect(status().isNotFound());

		this.mvc.perform(delete("/delete_user").param("id", id(alice)).with(as(admin)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(alice.getId()))
			.andExpect(jsonPath("$.deleted").value(true));
		assertThat(this.users.findById(alice.getId())).isEmpty();
		assertThat(this.db.count("user_profiles", "user_id = ?", alice.getId())).isZero();
		assertThat(this.db.count("SPRING_SESSION", "PRINCIPAL_NAME = ?", "alice")).isZero();
		this.mvc.perform(get("/profile").accept("text/html").cookie(aliceSession)).andExpect(redirectedUrl("/login"));
	}

	private ResultActions updateStatus(User actor, User target, String status) throws Exception {
		var request = put("/update_status").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\": " + target.getId() + ", \"status\": \"" + status + "\"}");
		if (actor != null) {
			request.with(as(actor));
		}
		return this.mvc.perform(request);
	}

	private Cookie signIn(String username) throws Exception {
		return AccountTestSupport.signIn(this.mvc, username, AccountTestSupport.PASSWORD);
	}

	private static String id(User user) {
		return Long.toString(user.getId());
	}

}
