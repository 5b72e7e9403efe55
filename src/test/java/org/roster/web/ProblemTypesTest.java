package org.roster.web;

import javax.sql.DataSource;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * The problem types of docs/API.md, Problem types, as a script meets them: each failure
 * of the API answers {@code application/problem+json} with its catalogued {@code type}, a
 * {@code title}, a {@code detail} and the HTTP status as {@code status}.
 */
@DatabaseTest
class ProblemTypesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	AccountTestSupport accounts;

	User admin;

	User alice;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.admin = this.accounts.admin("boss");
		this.alice = this.accounts.user("alice");
	}

	@Test
	void validation() throws Exception {
		problem(editAlice(this.admin, "{\"profile\": {\"website\": \"ftp://x.example\"}, \"version\": 0}"), 400,
				"/problems/validation")
			.andExpect(jsonPath("$.errors['profile.website']").exists());
		problem(editAlice(this.admin, "{\"email\": \"not-an-address\", \"version\": 0}"), 400, "/problems/validation")
			.andExpect(jsonPath("$.errors.email").exists());
	}

	@Test
	void badRequest() throws Exception {
		problem(editAlice(this.admin, "{not json"), 400, "/problems/bad-request");
		problem(this.mvc.perform(get("/edit_user").param("id", "abc").with(as(this.admin))), 400,
				"/problems/bad-request");
		problem(this.mvc.perform(get("/edit_user").with(as(this.admin))), 400, "/problems/bad-request")
			.andExpect(jsonPath("$.detail").value(containsString("id")));
	}

	@Test
	void invalidQuery() throws Exception {
		problem(this.mvc.perform(
				get("/user_list").param("sort", "password").accept(MediaType.APPLICATION_JSON).with(as(this.admin))),
				400, "/problems/invalid-query")
			.andExpect(jsonPath("$.errors.sort").exists());
	}

	@Test
	void unauthorizedAndForbidden() throws Exception {
		problem(this.mvc.perform(get("/edit_user").param("id", id(this.alice)).accept(MediaType.APPLICATION_JSON)), 401,
				"/problems/unauthorized");
		problem(this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).with(as(this.alice))), 403,
				"/problems/forbidden");
		// No CSRF token.
		problem(this.mvc.perform(put("/update_status").with(as(this.admin))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\": " + this.alice.getId() + ", \"status\": \"SUSPENDED\"}")), 403, "/problems/forbidden");
	}

	/** The API tokens' own (docs/API.md, API tokens). */
	@Test
	void apiTokens() throws Exception {
		String token = this.mvc
			.perform(post("/tokens").with(as(this.alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": \"script\", \"scope\": \"read\", \"expiresInDays\": 30}"))
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"token\":\"(rst_[^\"]+)\".*", "$1");
		problem(this.mvc.perform(get("/edit_user").param("id", id(this.alice))
			.header(HttpHeaders.AUTHORIZATION, "Bearer rst_" + "0".repeat(43))), 401, "/problems/invalid-token")
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")));
		problem(this.mvc.perform(put("/edit_user").param("id", id(this.alice))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 0}")), 403, "/problems/insufficient-scope");
		problem(this.mvc.perform(get("/tokens").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)), 403,
				"/problems/token-refused");
	}

	@Test
	void notFound() throws Exception {
		problem(this.mvc.perform(get("/edit_user").param("id", "999999").with(as(this.admin))), 404,
				"/problems/not-found");
		problem(this.mvc.perform(delete("/users/{id}/image", 999_999).with(as(this.admin)).with(csrf())), 404,
				"/problems/not-found");
		problem(this.mvc.perform(get("/no-such-thing").accept(MediaType.APPLICATION_JSON).with(as(this.alice))), 404,
				"/problems/not-found");
	}

	@Test
	void methodNotAllowed() throws Exception {
		problem(this.mvc.perform(patch("/edit_user").param("id", id(this.alice))
			.accept(MediaType.APPLICATION_JSON)
			.with(as(this.alice))
			.with(csrf())), 405, "/problems/method-not-allowed")
			.andExpect(header().string(HttpHeaders.ALLOW, containsString("PUT")));
	}

	@Test
	void unsupportedMediaTypeAndNotAcceptable() throws Exception {
		problem(this.mvc.perform(put("/edit_user").param("id", id(this.alice))
			.with(as(this.alice))
			.with(csrf())
			.contentType(MediaType.TEXT_PLAIN)
			.content("version=0")), 415, "/problems/unsupported-media-type");
		problem(this.mvc
			.perform(get("/edit_user").param("id", id(this.alice)).accept(MediaType.IMAGE_PNG).with(as(this.alice))),
				406, "/problems/not-acceptable");
	}

	@Test
	void conflictsAndPreconditions() throws Exception {
		this.accounts.user("carol");
		problem(editAlice(this.admin, "{\"email\": \"carol@example.com\", \"version\": 0}"), 409,
				"/problems/email-taken")
			.andExpect(jsonPath("$.errors.email").value("already taken"));
		problem(editAlice(this.admin, "{\"profile\": {\"fullName\": \"x\"}}"), 428, "/problems/version-required");
		editAlice(this.admin, "{\"profile\": {\"fullName\": \"Alice\"}, \"version\": 0}");
		problem(editAlice(this.admin, "{\"profile\": {\"fullName\": \"Bob\"}, \"version\": 0}"), 409,
				"/problems/stale-version");
		problem(updateStatus(this.admin, this.admin, "SUSPENDED"), 409, "/problems/own-account");
		// A suspended admin's session trying to demote the only active admin.
		User second = this.accounts.admin("second");
		updateStatus(this.admin, second, "SUSPENDED");
		problem(this.mvc.perform(put("/edit_user").param("id", id(this.admin))
			.with(as(second))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"role\": \"USER\", \"version\": 0}")), 409, "/problems/last-admin");
	}

	@Test
	void avatarUploads() throws Exception {
		problem(this.mvc.perform(multipart("/users/{id}/image", this.alice.getId()).file(image("GIF? no.".getBytes()))
			.with(as(this.alice))
			.with(csrf())), 400, "/problems/invalid-image");
		problem(this.mvc
			.perform(multipart("/users/{id}/image", this.alice.getId()).file(image(new byte[6 * 1024 * 1024]))
				.with(as(this.alice))
				.with(csrf())), 413, "/problems/image-too-large");
		problem(this.mvc.perform(multipart("/users/{id}/image", this.alice.getId()).with(as(this.alice)).with(csrf())),
				400, "/problems/bad-request");
	}

	@Test
	void tooManyRequests() throws Exception {
		var client = freshClient();
		ResultActions last = null;
		for (int i = 0; i <= 30; i++) {
			last = this.mvc.perform(get("/email_exists").param("email", "n" + i + "@example.com").with(client));
		}
		problem(last, 429, "/problems/too-many-requests").andExpect(header().exists(HttpHeaders.RETRY_AFTER));
	}

	/**
	 * What reaches the container's error dispatch (a filter's failure, a status sent
	 * outside Spring MVC) answers a script with problem details too, and a 500 shows
	 * nothing of its cause. MockMvc does not dispatch to {@code /error}: the test does.
	 */
	@Test
	void theErrorDispatch() throws Exception {
		problem(this.mvc.perform(errorDispatch(500).requestAttr(RequestDispatcher.ERROR_EXCEPTION,
				new IllegalStateException("select password_hash from users"))), 500, "/problems/server-error")
			.andExpect(content().string(allOf(not(containsString("password_hash")),
					not(containsString("IllegalStateException")), not(containsString("trace")))));
		problem(this.mvc.perform(errorDispatch(404)), 404, "/problems/not-found")
			.andExpect(jsonPath("$.instance").value("/somewhere"));
		problem(this.mvc.perform(errorDispatch(405)), 405, "/problems/method-not-allowed");
		problem(this.mvc.perform(errorDispatch(429)), 429, "/problems/too-many-requests");
		problem(this.mvc.perform(errorDispatch(503)), 503, "/problems/server-error");
	}

	private static MockHttpServletRequestBuilder errorDispatch(int status) {
		return get("/error").accept(MediaType.APPLICATION_JSON)
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/somewhere");
	}

	private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(MockMvcResultMatchers.status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(type))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.title").isNotEmpty())
			.andExpect(jsonPath("$.detail").isNotEmpty());
	}

	private ResultActions editAlice(User actor, String body) throws Exception {
		return this.mvc.perform(put("/edit_user").param("id", id(this.alice))
			.with(as(actor))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	private ResultActions updateStatus(User actor, User target, String status) throws Exception {
		return this.mvc.perform(put("/update_status").with(as(actor))
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\": " + target.getId() + ", \"status\": \"" + status + "\"}"));
	}

	private static MockMultipartFile image(byte[] bytes) {
		return new MockMultipartFile("image", "avatar.png", "image/png", bytes);
	}

	private static String id(User user) {
		return String.valueOf(user.getId());
	}

}
