package org.roster.account;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Anonymous visitors store nothing on the server: page views, failed sign-ins and refused
 * registrations leave the session table empty, while their forms stay CSRF-protected by a
 * cookie token and a sign-in still returns to the page asked for.
 */
@DatabaseTest
class AnonymousSessionsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	AccountTestSupport accounts;

	JdbcTemplate jdbc;

	@BeforeEach
	void setUp() {
		this.accounts = new AccountTestSupport(this.users, this.encoder);
		this.jdbc = new JdbcTemplate(this.dataSource);
		this.jdbc.update("DELETE FROM SPRING_SESSION");
	}

	@Test
	void threeHundredAnonymousPageViewsStoreNoSession() throws Exception {
		this.accounts.user("visited");
		for (int i = 0; i < 100; i++) {
			this.mvc.perform(get("/login").accept("text/html")).andExpect(status().isOk());
			this.mvc.perform(get("/register").accept("text/html")).andExpect(status().isOk());
		}
		for (int i = 0; i < 40; i++) {
			this.mvc
				.perform(post("/login").with(form("/login"))
					.with(AccountTestSupport.freshClient())
					.param("username", "visited")
					.param("password", "not-the-password-" + i))
				.andExpect(forwardedUrl(LoginController.FAILED));
		}
		for (int i = 0; i < 40; i++) {
			this.mvc.perform(get("/profile").accept("text/html")).andExpect(redirectedUrl("/login"));
		}
		for (int i = 0; i < 20; i++) {
			this.mvc
				.perform(post("/register").with(form("/register"))
					.param("username", "x")
					.param("email", "not-an-address")
					.param("password", "short")
					.param("passwordConfirm", "other"))
				.andExpect(status().isOk());
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM SPRING_SESSION", Integer.class)).isZero();
	}

	@Test
	void theAnonymousFormsAreProtectedByACookieTokenThatSigningInReplaces() throws Exception {
		this.accounts.user("cookied");
		MvcResult page = this.mvc.perform(get("/login").accept("text/html")).andReturn();
		Cookie csrfCookie = page.getResponse().getCookie(SessionOrCookieCsrfTokenRepository.COOKIE_NAME);
		assertThat(csrfCookie).isNotNull();
		assertThat(csrfCookie.isHttpOnly()).isTrue();
		assertThat(csrfCookie.getAttribute("SameSite")).isEqualTo("Lax");
		String token = token(page);

		// Without the cookie, or without the token, the form is refused.
		this.mvc
			.perform(post("/login").with(AccountTestSupport.freshClient())
				.param("_csrf", token)
				.param("username", "cookied")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/login").with(AccountTestSupport.freshClient())
				.cookie(csrfCookie)
				.param("username", "cookied")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(status().isForbidden());

		MvcResult signedIn = this.mvc
			.perform(post("/login").with(AccountTestSupport.freshClient())
				.cookie(csrfCookie)
				.param("_csrf", token)
				.param("username", "cookied")
				.param("password", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/profile"))
			.andReturn();
		Cookie cleared = signedIn.getResponse().getCookie(SessionOrCookieCsrfTokenRepository.COOKIE_NAME);
		assertThat(cleared).as("the anonymous token ends with the sign-in").isNotNull();
		assertThat(cleared.getMaxAge()).isZero();
		Cookie session = AccountTestSupport.sessionCookie(signedIn);

		// Signed in, the cookie token no longer authorises anything: only the session's.
		this.mvc.perform(post("/logout").cookie(session, csrfCookie).param("_csrf", token))
			.andExpect(status().isForbidden());
		String sessionToken = token(this.mvc.perform(get("/profile").accept("text/html").cookie(session)).andReturn());
		this.mvc.perform(post("/logout").cookie(session).param("_csrf", sessionToken))
			.andExpect(redirectedUrl("/login?logout"));
	}

	@Test
	void signingInReturnsToThePageAskedForWithoutAStoredSession() throws Exception {
		this.accounts.user("returner");
		MvcResult asked = this.mvc.perform(get("/profile").accept("text/html").queryParam("tab", "photo"))
			.andExpect(redirectedUrl("/login"))
			.andReturn();
		Cookie saved = asked.getResponse().getCookie("REDIRECT_URI");
		assertThat(saved).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM SPRING_SESSION", Integer.class)).isZero();
		this.mvc.perform(post("/login").with(form("/login")).with(AccountTestSupport.freshClient()).with((request) -> {
			request.setCookies(request.getCookies()[0], saved);
			return request;
		}).param("username", "returner").param("password", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("http://localhost/profile?tab=photo"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'returner'",
				Integer.class))
			.isOne();
	}

	/**
	 * The cookie and the token of the form on an anonymous page, as a browser sends them.
	 */
	private RequestPostProcessor form(String page) throws Exception {
		MvcResult result = this.mvc.perform(get(page).accept("text/html")).andReturn();
		Cookie cookie = result.getResponse().getCookie(SessionOrCookieCsrfTokenRepository.COOKIE_NAME);
		String token = token(result);
		return (request) -> {
			request.setCookies(cookie);
			request.addParameter("_csrf", token);
			return request;
		};
	}

	private static String token(MvcResult page) throws Exception {
		return page.getResponse()
			.getContentAsString()
			.replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
	}

}
