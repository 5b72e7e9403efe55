package org.roster.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every error page renders in the site's layout with its own message, and shows nothing
 * of the failure. MockMvc does not forward to {@code /error} by itself, so the test makes
 * the error dispatch the container would make, with the status it would set.
 */
@DatabaseTest
class ErrorPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			400 | This request could not be handled
			403 | Access denied
			404 | Page not found
			429 | Too many attempts
			500 | Something went wrong
			503 | The service is unavailable
			""")
	void rendersInTheLayout(int status, String heading) throws Exception {
		this.mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/somewhere")
				.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret detail")))
			.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(allOf(containsString("<title>"), containsString("Roster"),
					containsString(heading), containsString("/css/roster.css"), not(containsString("secret detail")),
					not(containsString("IllegalStateException")))));
	}

	@ParameterizedTest
	@CsvSource({ "403", "404", "429", "500" })
	void offerAnonymousVisitorsToSignIn(int status) throws Exception {
		String anonymous = errorPage(status, null);
		assertThat(section(anonymous)).contains("href=\"/login\"", ">Sign in</a>").doesNotContain("/profile");

		User user = new AccountTestSupport(this.users, this.encoder).user("error-page-" + status);
		String signedIn = errorPage(status, user);
		assertThat(section(signedIn)).contains("href=\"/profile\"").doesNotContain("Sign in");
		assertThat(signedIn).as("nowhere on the page").doesNotContain("href=\"/login\"");
	}

	private String errorPage(int status, User user) throws Exception {
		MockHttpServletRequestBuilder request = get("/error").accept(MediaType.TEXT_HTML)
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/somewhere");
		if (user != null) {
			request.with(AccountTestSupport.as(user));
		}
		return this.mvc.perform(request).andReturn().getResponse().getContentAsString();
	}

	/** The error page's own content, without the layout's header. */
	private static String section(String html) {
		int start = html.indexOf("error-page");
		assertThat(start).as("the error page section").isPositive();
		return html.substring(start, html.indexOf("</section>", start));
	}

}
