package org.roster.web;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.roster.testsupport.DatabaseTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

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

}
