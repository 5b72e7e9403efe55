package org.roster.token;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.account.AccountTestSupport;
import org.roster.mail.Outbox;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.Mailbox;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Personal API tokens (docs/API.md, API tokens): made on a session, shown once, stored as
 * a hash; used as {@code Authorization: Bearer} on the JSON routes with the session's
 * rules narrowed by the scope; refused everywhere else; ended by expiry, revocation and
 * everything that ends a user's access, at once.
 */
@DatabaseTest
class ApiTokensTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

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

	@Autowired
	Outbox outbox;

	TestDatabase db;

	User admin;

	User alice;

	User bob;

	@BeforeEach
	void setUp() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
		this.db.jdbc().update("DELETE FROM mail_outbox");
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		this.admin = accounts.admin("boss");
		this.alice = accounts.user("alice");
		this.bob = accounts.user("bob");
	}

	@Test
	void aTokenIsShownOnceStoredAsItsHashAndSignsItsUserIn() throws Exception {
		JsonNode created = create(this.alice,
				"{\"name\": \" backup script \", \"scope\": \"read\", \"expiresInDays\": 30}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("backup script"))
			.andExpect(jsonPath("$.scope").value("read"))
			.andExpect(jsonPath("$.token").value(startsWith("rst_")))
			.andReturn()
			.getResponse()
			.getContentAsString()
			.transform(this.json::readTree);
		String token = created.get("token").asString();
		assertThat(token).hasSize(47).matches("rst_[A-Za-z0-9_-]{43}");
		assertThat(created.get("prefix").asString()).isEqualTo(token.substring(0, 8));
		Instant expiresAt = Instant.parse(created.get("expiresAt").asString());
		assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60),
				Instant.now().plus(Duration.ofDays(30)));

		// The database holds the SHA-256 and the prefix, never the token.
		Map<String, Object> row = this.db.jdbc()
			.queryForMap("SELECT * FROM api_tokens WHERE id = ?", created.get("id").asLong());
		assertThat(row.values()).noneMatch((value) -> String.valueOf(value).contains(token.substring(8)));
		assertThat(String.valueOf(row.get("token_hash")).strip()).isEqualTo(ApiTokens.hash(token)).hasSize(64);

		this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("alice"));
		// The list shows everything but the token.
		this.mvc.perform(get("/tokens").with(as(this.alice)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].prefix").value(token.substring(0, 8)))
			.andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty())
			.andExpect(jsonPath("$[0].token").doesNotExist())
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(token))));
	}

	/**
	 * A row put in by hand, with only a hash: the request's token is found by its hash.
	 */
	@Test
	void tokensAreLookedUpByTheirHash() throws Exception {
		String token = "rst_" + "A".repeat(43);
		this.db.jdbc()
			.update("INSERT INTO api_tokens (user_id, name, scope, token_hash, prefix, created_at)"
					+ " VALUES (?, 'by hand', 'read', ?, 'rst_AAAA', ?)", this.bob.getId(), ApiTokens.hash(token),
					Timestamp.from(Instant.now()));
		this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(token))).andExpect(status().isOk());
		this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer("rst_" + "B".repeat(43))))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void theScopeNarrowsTheUsersOwnRules() throws Exception {
		String read = token(this.alice, "read", 30);
		String write = token(this.alice, "write", 90);
		String profile = "{\"profile\": {\"fullName\": \"Alice A.\"}, \"version\": 0}";

		problem(this.mvc.perform(editAlice(profile).with(bearer(read))), 403, "/problems/insufficient-scope")
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("insufficient_scope")));
		problem(this.mvc.perform(delete("/users/{id}/image", this.alice.getId()).with(bearer(read))), 403,
				"/problems/insufficient-scope");
		// Write: no CSRF token needed, as no cookie authenticates the request.
		this.mvc.perform(editAlice(profile).with(bearer(write)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.profile.fullName").value("Alice A."));

		// The session's rules, whatever the scope: not another user's, not an admin's
		// route.
		problem(this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(write))), 403,
				"/problems/forbidden");
		problem(this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).with(bearer(write))), 403,
				"/problems/forbidden");
		problem(this.mvc.perform(put("/update_status").with(bearer(write))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\": " + this.bob.getId() + ", \"status\": \"SUSPENDED\"}")), 403, "/problems/forbidden");

		String adminRead = token(this.admin, "read", 30);
		this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).with(bearer(adminRead)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3));
		problem(this.mvc.perform(put("/update_status").with(bearer(adminRead))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"id\": " + this.bob.getId() + ", \"status\": \"SUSPENDED\"}")), 403,
				"/problems/insufficient-scope");
	}

	@Test
	void wrongExpiredAndRevokedTokensGet401WithTheBearerChallenge() throws Exception {
		String token = token(this.alice, "read", 30);
		for (String wrong : List.of("rst_" + "x".repeat(43), "not-ours", token + "x")) {
			invalid(this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(wrong))));
		}
		// The scheme in any case (RFC 6750); a header without a token is malformed.
		this.mvc
			.perform(get("/edit_user").param("id", id(this.alice)).header(HttpHeaders.AUTHORIZATION, "bearer " + token))
			.andExpect(status().isOk());
		invalid(this.mvc.perform(get("/edit_user").header(HttpHeaders.AUTHORIZATION, "Bearer  ")));

		this.db.jdbc()
			.update("UPDATE api_tokens SET expires_at = ? WHERE token_hash = ?",
					Timestamp.from(Instant.now().minusSeconds(1)), ApiTokens.hash(token));
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token))));
		this.mvc.perform(get("/tokens").with(as(this.alice))).andExpect(jsonPath("$[0].expired").value(true));

		String second = token(this.alice, "read", 365);
		long secondId = idOf(second);
		this.mvc.perform(delete("/tokens/{id}", secondId).with(as(this.alice)).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.revoked").value(true));
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(second))));
		problem(this.mvc.perform(delete("/tokens/{id}", secondId).with(as(this.alice)).with(csrf())), 404,
				"/problems/not-found");
	}

	@Test
	void suspensionEndsTheTokensAtOnce() throws Exception {
		String token = token(this.alice, "write", 30);
		this.mvc
			.perform(put("/update_status").with(as(this.admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": " + this.alice.getId() + ", \"status\": \"SUSPENDED\"}"))
			.andExpect(status().isOk());
		assertThat(this.db.count("api_tokens", "user_id = ?", this.alice.getId())).isZero();
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token))));
	}

	/**
	 * Between a status change and its listener, or if a token outlived it some other way:
	 * every request checks that the user is active.
	 */
	@Test
	void aTokenOfAnInactiveUserSignsNobodyIn() throws Exception {
		String token = token(this.bob, "read", 30);
		this.db.jdbc().update("UPDATE users SET status = 'SUSPENDED' WHERE id = ?", this.bob.getId());
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(token))));
		this.db.jdbc().update("UPDATE users SET status = 'ACTIVE' WHERE id = ?", this.bob.getId());
		this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(token))).andExpect(status().isOk());
	}

	@Test
	void aRoleChangeEndsTheTokens() throws Exception {
		User second = new AccountTestSupport(this.users, this.encoder).admin("second");
		String token = token(second, "read", null);
		this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).with(bearer(token)))
			.andExpect(status().isOk());
		this.mvc
			.perform(put("/edit_user").param("id", id(second))
				.with(as(this.admin))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"USER\", \"version\": 0}"))
			.andExpect(status().isOk());
		assertThat(this.db.count("api_tokens", "user_id = ?", second.getId())).isZero();
		invalid(this.mvc.perform(get("/user_list").accept(MediaType.APPLICATION_JSON).with(bearer(token))));
	}

	@Test
	void deletionEndsTheTokens() throws Exception {
		String token = token(this.bob, "read", 30);
		this.mvc.perform(delete("/delete_user").param("id", id(this.bob)).with(as(this.admin)).with(csrf()))
			.andExpect(status().isOk());
		assertThat(this.db.count("api_tokens")).isZero();
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(token))));
	}

	@Test
	void aPasswordResetThroughTheMailedLinkEndsTheTokens() throws Exception {
		String token = token(this.alice, "read", 30);
		String other = token(this.bob, "read", 30);
		this.mvc.perform(post("/users/{id}/password-reset", this.alice.getId()).with(as(this.admin)).with(csrf()))
			.andExpect(status().isAccepted());
		this.outbox.deliverDue();
		List<MimeMessage> mail = Mailbox.of(smtp, "alice@example.com");
		assertThat(mail).hasSize(1);
		String link = TestMail.token(TestMail.link(mail.get(0), "/reset-password"));
		this.mvc
			.perform(post("/reset-password").with(csrf())
				.with(freshClient())
				.param("token", link)
				.param("password", "violet-harbour-engine-93")
				.param("passwordConfirm", "violet-harbour-engine-93"))
			.andExpect(status().is3xxRedirection());
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token))));
		this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(other))).andExpect(status().isOk());
	}

	@Test
	void neverInTheQueryStringNorOnPages() throws Exception {
		String token = token(this.admin, "write", 30);
		// Not read from the query: the request is anonymous.
		problem(this.mvc.perform(get("/edit_user").param("id", id(this.admin))
			.param("access_token", token)
			.accept(MediaType.APPLICATION_JSON)), 401, "/problems/unauthorized");
		for (String page : List.of("/profile", "/user_list", "/login", "/register")) {
			problem(this.mvc.perform(get(page).accept(MediaType.TEXT_HTML).with(bearer(token))), 403,
					"/problems/token-refused")
				.andExpect(jsonPath("$.detail").value(containsString("Pages do not accept API tokens")));
		}
		problem(this.mvc.perform(get("/profile").accept(MediaType.APPLICATION_JSON).with(bearer(token))), 403,
				"/problems/token-refused");
	}

	@Test
	void tokenPasswordEmailSignOutAndMailedLinkRoutesRefuseTokens() throws Exception {
		String token = token(this.alice, "write", 30);
		String refused = "/problems/token-refused";
		problem(this.mvc.perform(post("/tokens").with(bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"more\", \"scope\": \"write\", \"expiresInDays\": 30}")), 403, refused);
		problem(this.mvc.perform(get("/tokens").with(bearer(token))), 403, refused);
		problem(this.mvc.perform(delete("/tokens/{id}", idOf(token)).with(bearer(token))), 403, refused);
		problem(this.mvc.perform(get("/users/{id}/tokens", this.alice.getId()).with(bearer(token))), 403, refused);
		problem(this.mvc.perform(post("/profile/password").with(bearer(token))
			.param("currentPassword", AccountTestSupport.PASSWORD)
			.param("newPassword", "violet-harbour-engine-93")
			.param("newPasswordConfirm", "violet-harbour-engine-93")), 403, refused);
		problem(this.mvc.perform(post("/logout").with(bearer(token))), 403, refused);
		for (String link : List.of("/verify-email", "/verify-email/resend", "/confirm-email", "/reset-password",
				"/forgot-password", "/email_exists")) {
			problem(this.mvc.perform(post(link).with(bearer(token)).param("token", "x")), 403, refused);
		}
		// The account email: the route takes the token, the change does not.
		problem(this.mvc.perform(editAlice("{\"email\": \"mallory@example.com\", \"version\": 0}").with(bearer(token))),
				403, refused)
			.andExpect(jsonPath("$.detail").value(containsString("email")));
		assertThat(this.users.get(this.alice.getId()).getEmail()).isEqualTo("alice@example.com");
		assertThat(this.db.count("mail_outbox")).isZero();
		// The same address is no change.
		this.mvc.perform(editAlice("{\"email\": \"alice@example.com\", \"version\": 0}").with(bearer(token)))
			.andExpect(status().isOk());
		// Deleting one's own account asks for the password: not through a token.
		problem(this.mvc.perform(delete("/delete_user").param("id", id(this.alice))
			.with(bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"password\": \"" + AccountTestSupport.PASSWORD + "\"}")), 403, refused);
		assertThat(this.users.findById(this.alice.getId())).isPresent();
		// Nothing the token did stored a session.
		assertThat(this.db.count("SPRING_SESSION")).isZero();
	}

	@Test
	void anAdminTokenChangesNoOnesEmailButOtherwiseActsAsTheAdmin() throws Exception {
		String token = token(this.admin, "write", null);
		problem(this.mvc.perform(put("/edit_user").param("id", id(this.bob))
			.with(bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"mallory@example.com\", \"version\": 0}")), 403, "/problems/token-refused");
		this.mvc
			.perform(put("/update_status").with(bearer(token))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": " + this.bob.getId() + ", \"status\": \"SUSPENDED\"}"))
			.andExpect(status().isOk());
		this.mvc.perform(delete("/delete_user").param("id", id(this.bob)).with(bearer(token)))
			.andExpect(status().isOk());
		assertThat(this.users.findById(this.bob.getId())).isEmpty();
	}

	@Test
	void aUserSeesAndRevokesOnlyTheirOwnTokens() throws Exception {
		String mine = token(this.alice, "read", 30);
		String bobs = token(this.bob, "read", 30);
		this.mvc.perform(get("/tokens").with(as(this.alice)))
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].id").value(idOf(mine)));
		problem(this.mvc.perform(delete("/tokens/{id}", idOf(bobs)).with(as(this.alice)).with(csrf())), 404,
				"/problems/not-found");
		this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(bobs))).andExpect(status().isOk());
		// The admin routes of tokens are the admin's.
		problem(this.mvc.perform(get("/users/{id}/tokens", this.bob.getId()).with(as(this.alice))), 403,
				"/problems/forbidden");
		problem(this.mvc.perform(
				delete("/users/{id}/tokens/{tokenId}", this.bob.getId(), idOf(bobs)).with(as(this.alice)).with(csrf())),
				403, "/problems/forbidden");
		// Without CSRF, a session cannot revoke.
		problem(this.mvc.perform(delete("/tokens/{id}", idOf(mine)).with(as(this.alice))), 403, "/problems/forbidden");
	}

	@Test
	void anAdminSeesAndRevokesAnyonesTokens() throws Exception {
		String bobs = token(this.bob, "write", 90);
		String alices = token(this.alice, "read", 30);
		this.mvc.perform(get("/users/{id}/tokens", this.bob.getId()).with(as(this.admin)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].scope").value("write"));
		problem(this.mvc.perform(get("/users/{id}/tokens", 999_999).with(as(this.admin))), 404, "/problems/not-found");
		// Alice's token is not Bob's to revoke.
		problem(this.mvc
			.perform(delete("/users/{id}/tokens/{tokenId}", this.bob.getId(), idOf(alices)).with(as(this.admin))
				.with(csrf())), 404, "/problems/not-found");
		this.mvc
			.perform(delete("/users/{id}/tokens/{tokenId}", this.bob.getId(), idOf(bobs)).with(as(this.admin))
				.with(csrf()))
			.andExpect(status().isOk());
		invalid(this.mvc.perform(get("/edit_user").param("id", id(this.bob)).with(bearer(bobs))));
		this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(alices))).andExpect(status().isOk());
	}

	@Test
	void badInputGets400WithFieldErrors() throws Exception {
		problem(create(this.alice, "{}"), 400, "/problems/validation").andExpect(jsonPath("$.errors.name").exists())
			.andExpect(jsonPath("$.errors.scope").exists());
		problem(create(this.alice,
				"{\"name\": \"" + "n".repeat(65) + "\", \"scope\": \"admin\", \"expiresInDays\": 30}"), 400,
				"/problems/validation")
			.andExpect(jsonPath("$.errors.name").value("at most 64 characters"))
			.andExpect(jsonPath("$.errors.scope").value("read or write"));
		problem(create(this.alice, "{\"name\": \"tab\\there\", \"scope\": \"read\", \"expiresInDays\": 30}"), 400,
				"/problems/validation")
			.andExpect(jsonPath("$.errors.name").exists());
		problem(create(this.alice, "{\"name\": \"x\", \"scope\": \"read\", \"expiresInDays\": 7}"), 400,
				"/problems/validation")
			.andExpect(jsonPath("$.errors.expiresInDays").value("30, 90 or 365 days"));
		// No expiry: admins only.
		problem(create(this.alice, "{\"name\": \"x\", \"scope\": \"read\"}"), 400, "/problems/validation")
			.andExpect(jsonPath("$.errors.expiresInDays").exists());
		problem(create(this.alice, "{\"name\": \"x\", \"scope\": \"read\", \"expiresInDays\": \"soon\"}"), 400,
				"/problems/bad-request");
		create(this.admin, "{\"name\": \"forever\", \"scope\": \"read\", \"expiresInDays\": null}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.expiresAt").isEmpty());
		assertThat(this.db.count("api_tokens")).isOne();
		// Anonymous: the session chain's 401.
		problem(this.mvc.perform(post("/tokens").with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\": \"x\", \"scope\": \"read\", \"expiresInDays\": 30}")), 401, "/problems/unauthorized");
	}

	@Test
	void theLastUseIsWrittenAtMostOnceAMinute() throws Exception {
		String token = token(this.alice, "read", 30);
		String lastUsed = "SELECT last_used_at FROM api_tokens WHERE token_hash = ?";
		assertThat(this.db.jdbc().queryForObject(lastUsed, Timestamp.class, ApiTokens.hash(token))).isNull();
		this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token))).andExpect(status().isOk());
		Timestamp first = this.db.jdbc().queryForObject(lastUsed, Timestamp.class, ApiTokens.hash(token));
		assertThat(first).isNotNull();
		this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token))).andExpect(status().isOk());
		assertThat(this.db.jdbc().queryForObject(lastUsed, Timestamp.class, ApiTokens.hash(token))).isEqualTo(first);

		Timestamp longAgo = Timestamp.from(Instant.now().minusSeconds(61));
		this.db.jdbc().update("UPDATE api_tokens SET last_used_at = ?", longAgo);
		this.mvc.perform(get("/edit_user").param("id", id(this.alice)).with(bearer(token))).andExpect(status().isOk());
		assertThat(this.db.jdbc().queryForObject(lastUsed, Timestamp.class, ApiTokens.hash(token))).isAfter(longAgo);
	}

	@Test
	void aBearerRequestStoresNoSession() throws Exception {
		String token = token(this.alice, "write", 30);
		var result = this.mvc.perform(editAlice("{\"profile\": {\"bio\": \"hi\"}, \"version\": 0}").with(bearer(token)))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(result.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
		assertThat(result.getRequest().getSession(false)).isNull();
		assertThat(this.db.count("SPRING_SESSION")).isZero();
	}

	private ResultActions create(User owner, String body) throws Exception {
		return this.mvc.perform(
				post("/tokens").with(as(owner)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	/** A new token of {@code owner} (a null expiry only for admins). */
	private String token(User owner, String scope, Integer days) throws Exception {
		String body = "{\"name\": \"t\", \"scope\": \"" + scope + "\", \"expiresInDays\": " + days + "}";
		return create(owner, body).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.transform(this.json::readTree)
			.get("token")
			.asString();
	}

	private long idOf(String token) {
		return this.db.jdbc()
			.queryForObject("SELECT id FROM api_tokens WHERE token_hash = ?", Long.class, ApiTokens.hash(token));
	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder editAlice(String body) {
		return put("/edit_user").param("id", id(this.alice)).contentType(MediaType.APPLICATION_JSON).content(body);
	}

	static RequestPostProcessor bearer(String token) {
		return (request) -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

	private static ResultActions invalid(ResultActions result) throws Exception {
		return problem(result, 401, "/problems/invalid-token")
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer error=\"invalid_token\"")));
	}

	private static ResultActions problem(ResultActions result, int status, String type) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(type))
			.andExpect(jsonPath("$.title").isNotEmpty())
			.andExpect(jsonPath("$.detail").isNotEmpty());
	}

	private static String id(User user) {
		return String.valueOf(user.getId());
	}

}
