package org.roster.account;

import java.util.List;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Where you're signed in" (docs/API.md, JSON routes {@code /profile/sessions} and
 * {@code /users/{id}/sessions}): what a sign-in records, listing, ending one, the others
 * or all, and who is refused.
 */
@DatabaseTest
class UserSessionsTest {

	static final String FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

	static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
			+ " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	TestDatabase db;

	User admin;

	User alice;

	User bob;

	@BeforeEach
	void setUp() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		this.admin = accounts.admin("sessionboss");
		this.alice = accounts.user("sessionalice");
		this.bob = accounts.user("sessionbob");
	}

	@Test
	void aSignInRecordsTheBrowserTheAddressAndTheTimeAndNeverShowsTheSessionId() throws Exception {
		Cookie laptop = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		String body = this.mvc.perform(get("/profile/sessions").cookie(laptop).accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].browser").value("Firefox 133"))
			.andExpect(jsonPath("$[0].system").value("Windows"))
			.andExpect(jsonPath("$[0].userAgent").value(FIREFOX_ON_WINDOWS))
			.andExpect(jsonPath("$[0].address").value("198.51.100.7"))
			.andExpect(jsonPath("$[0].current").value(true))
			.andExpect(jsonPath("$[0].signedInAt").isNotEmpty())
			.andExpect(jsonPath("$[0].lastActiveAt").isNotEmpty())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String sessionId = this.db.jdbc()
			.queryForObject("SELECT SESSION_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'sessionalice'",
					String.class);
		String primaryId = this.db.jdbc()
			.queryForObject("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'sessionalice'",
					String.class);
		assertThat(body).doesNotContain(sessionId).doesNotContain(primaryId).doesNotContain(laptop.getValue());
		assertThat(this.json.readTree(body).get(0).get("id").asString()).matches("[A-Za-z0-9_-]{22}");
	}

	@Test
	void aUserEndsAnotherOfTheirSessionsAndThatBrowserIsSignedOut() throws Exception {
		Cookie laptop = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		Cookie phone = signIn("sessionalice", SAFARI_ON_IPHONE, "198.51.100.8");
		JsonNode sessions = mine(laptop);
		assertThat(sessions).hasSize(2);
		assertThat(sessions.get(0).get("current").asBoolean()).as("the current one comes first").isTrue();
		JsonNode other = sessions.get(1);
		assertThat(other.get("browser").asString()).isEqualTo("Safari 18");
		assertThat(other.get("system").asString()).isEqualTo("iOS");
		assertThat(other.get("current").asBoolean()).isFalse();

		this.mvc.perform(delete("/profile/sessions/{id}", other.get("id").asString()).cookie(laptop).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ended").value(true))
			.andExpect(jsonPath("$.current").value(false));

		this.mvc.perform(get("/profile").accept("text/html").cookie(phone)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(status().isOk());
		assertThat(sessionRows("sessionalice")).isOne();
		assertThat(mine(laptop)).hasSize(1);
	}

	@Test
	void signingOutEverywhereElseKeepsOnlyTheCurrentSession() throws Exception {
		Cookie laptop = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		Cookie phone = signIn("sessionalice", SAFARI_ON_IPHONE, "198.51.100.8");
		Cookie tablet = signIn("sessionalice", SAFARI_ON_IPHONE, "198.51.100.9");
		Cookie bobs = signIn("sessionbob", FIREFOX_ON_WINDOWS, "198.51.100.10");

		this.mvc.perform(delete("/profile/sessions").param("others", "true").cookie(laptop).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ended").value(2));

		this.mvc.perform(get("/profile").accept("text/html").cookie(phone)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/profile").accept("text/html").cookie(tablet)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(status().isOk());
		// Another user's sessions stay.
		this.mvc.perform(get("/profile").accept("text/html").cookie(bobs)).andExpect(status().isOk());
		// Without the explicit parameter nothing ends.
		problem(this.mvc.perform(delete("/profile/sessions").cookie(laptop).with(csrf())), 400,
				"/problems/bad-request");
		problem(this.mvc.perform(delete("/profile/sessions").param("others", "false").cookie(laptop).with(csrf())), 400,
				"/problems/bad-request");
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(status().isOk());
	}

	@Test
	void endingTheCurrentSessionSignsOut() throws Exception {
		Cookie laptop = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		String id = mine(laptop).get(0).get("id").asString();
		this.mvc.perform(delete("/profile/sessions/{id}", id).cookie(laptop).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.current").value(true));
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(redirectedUrl("/login"));
		assertThat(sessionRows("sessionalice")).isZero();
	}

	@Test
	void anotherUsersSessionIdIsUnknownNotForbidden() throws Exception {
		Cookie alices = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		Cookie bobs = signIn("sessionbob", FIREFOX_ON_WINDOWS, "198.51.100.8");
		String bobsId = mine(bobs).get(0).get("id").asString();

		problem(this.mvc.perform(delete("/profile/sessions/{id}", bobsId).cookie(alices).with(csrf())), 404,
				"/problems/not-found");
		problem(this.mvc.perform(delete("/profile/sessions/{id}", "nope").cookie(alices).with(csrf())), 404,
				"/problems/not-found");
		this.mvc.perform(get("/profile").accept("text/html").cookie(bobs)).andExpect(status().isOk());
	}

	@Test
	void callersWhoMayNotAreRefused() throws Exception {
		Cookie alices = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		String id = mine(alices).get(0).get("id").asString();
		long aliceId = this.alice.getId();

		// Anonymous.
		problem(this.mvc.perform(get("/profile/sessions").accept(MediaType.APPLICATION_JSON)), 401,
				"/problems/unauthorized");
		problem(this.mvc.perform(get("/users/{id}/sessions", aliceId).accept(MediaType.APPLICATION_JSON)), 401,
				"/problems/unauthorized");
		// Without the CSRF token.
		problem(this.mvc.perform(delete("/profile/sessions/{id}", id).cookie(alices)), 403, "/problems/forbidden");
		problem(this.mvc.perform(delete("/profile/sessions").param("others", "true").cookie(alices)), 403,
				"/problems/forbidden");
		// A user on the admin routes, even for their own account.
		for (User target : List.of(this.alice, this.bob)) {
			problem(this.mvc.perform(get("/users/{id}/sessions", target.getId()).cookie(alices)), 403,
					"/problems/forbidden");
			problem(this.mvc.perform(delete("/users/{id}/sessions", target.getId()).cookie(alices).with(csrf())), 403,
					"/problems/forbidden");
			problem(this.mvc
				.perform(delete("/users/{id}/sessions/{sid}", target.getId(), id).cookie(alices).with(csrf())), 403,
					"/problems/forbidden");
		}
		// API tokens, an admin's with scope write included: sessions only.
		String usersToken = token(this.alice);
		String adminsToken = token(this.admin);
		problem(this.mvc.perform(get("/profile/sessions").with(bearer(usersToken))), 403, "/problems/token-refused");
		problem(this.mvc.perform(delete("/profile/sessions/{id}", id).with(bearer(usersToken))), 403,
				"/problems/token-refused");
		problem(this.mvc.perform(get("/users/{id}/sessions", aliceId).with(bearer(adminsToken))), 403,
				"/problems/token-refused");
		problem(this.mvc.perform(delete("/users/{id}/sessions", aliceId).with(bearer(adminsToken))), 403,
				"/problems/token-refused");
		assertThat(sessionRows("sessionalice")).isOne();
	}

	@Test
	void anAdminSeesAndEndsAUsersSessions() throws Exception {
		Cookie laptop = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		Cookie phone = signIn("sessionalice", SAFARI_ON_IPHONE, "198.51.100.8");
		Cookie boss = signIn("sessionboss", FIREFOX_ON_WINDOWS, "198.51.100.9");

		JsonNode sessions = json(this.mvc.perform(get("/users/{id}/sessions", this.alice.getId()).cookie(boss))
			.andExpect(status().isOk()));
		assertThat(sessions).hasSize(2);
		assertThat(sessions.valueStream().map((session) -> session.get("current").asBoolean())).containsOnly(false);
		assertThat(sessions.valueStream().map((session) -> session.get("address").asString()))
			.containsExactlyInAnyOrder("198.51.100.7", "198.51.100.8");
		String phoneId = sessions.valueStream()
			.filter((session) -> "iOS".equals(session.get("system").asString()))
			.findFirst()
			.orElseThrow()
			.get("id")
			.asString();

		this.mvc.perform(delete("/users/{id}/sessions/{sid}", this.alice.getId(), phoneId).cookie(boss).with(csrf()))
			.andExpect(status().isOk());
		this.mvc.perform(get("/profile").accept("text/html").cookie(phone)).andExpect(redirectedUrl("/login"));
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(status().isOk());
		problem(this.mvc
			.perform(delete("/users/{id}/sessions/{sid}", this.bob.getId(), phoneId).cookie(boss).with(csrf())), 404,
				"/problems/not-found");

		this.mvc.perform(delete("/users/{id}/sessions", this.alice.getId()).cookie(boss).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ended").value(1));
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop)).andExpect(redirectedUrl("/login"));
		assertThat(sessionRows("sessionalice")).isZero();
		this.mvc.perform(get("/users/{id}/sessions", this.alice.getId()).cookie(boss))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.length()").value(0));

		problem(this.mvc.perform(get("/users/{id}/sessions", 987654321L).cookie(boss)), 404, "/problems/not-found");
		problem(this.mvc.perform(delete("/users/{id}/sessions", 987654321L).cookie(boss).with(csrf())), 404,
				"/problems/not-found");
	}

	@Test
	void anAdminEndingAllOfTheirOwnSessionsKeepsTheCurrentOne() throws Exception {
		Cookie office = signIn("sessionboss", FIREFOX_ON_WINDOWS, "198.51.100.9");
		Cookie home = signIn("sessionboss", SAFARI_ON_IPHONE, "198.51.100.10");
		this.mvc.perform(delete("/users/{id}/sessions", this.admin.getId()).cookie(office).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ended").value(1));
		this.mvc.perform(get("/profile").accept("text/html").cookie(office)).andExpect(status().isOk());
		this.mvc.perform(get("/profile").accept("text/html").cookie(home)).andExpect(redirectedUrl("/login"));
	}

	@Test
	void theProfilePageHasTheSection() throws Exception {
		Cookie laptop = signIn("sessionalice", FIREFOX_ON_WINDOWS, "198.51.100.7");
		this.mvc.perform(get("/profile").accept("text/html").cookie(laptop))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"sessions\"")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("/js/sessions.js")));
	}

	private Cookie signIn(String username, String userAgent, String address) throws Exception {
		return AccountTestSupport.sessionCookie(this.mvc.perform(post("/login").with(csrf()).with((request) -> {
			request.setRemoteAddr(address);
			return request;
		})
			.header(HttpHeaders.USER_AGENT, userAgent)
			.param("username", username)
			.param("password", AccountTestSupport.PASSWORD)).andExpect(status().is3xxRedirection()).andReturn());
	}

	private JsonNode mine(Cookie session) throws Exception {
		return json(this.mvc.perform(get("/profile/sessions").cookie(session)).andExpect(status().isOk()));
	}

	private JsonNode json(ResultActions result) throws Exception {
		return this.json.readTree(result.andReturn().getResponse().getContentAsString());
	}

	private int sessionRows(String username) {
		return this.db.jdbc()
			.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", Integer.class, username);
	}

	private String token(User owner) throws Exception {
		return json(this.mvc
			.perform(post("/tokens").with(as(owner))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"t\", \"scope\": \"write\", \"expiresInDays\": 30}"))
			.andExpect(status().isCreated())).get("token").asString();
	}

	private static RequestPostProcessor bearer(String token) {
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

	private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(type))
			.andExpect(jsonPath("$.detail").isNotEmpty());
	}

}
