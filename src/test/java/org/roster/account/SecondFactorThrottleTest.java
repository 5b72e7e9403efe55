package org.roster.account;

import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Guessing codes costs what guessing passwords does: the code page shares the sign-in's
 * bucket of the client address (30 a minute by default).
 */
@DatabaseTest
class SecondFactorThrottleTest {

	@Autowired
	MockMvc mvc;

	@Test
	void theCodePageSharesTheSignInThrottle() throws Exception {
		RequestPostProcessor client = freshClient();
		int refused = 0;
		for (int i = 0; i < 40; i++) {
			int status = this.mvc
				.perform(post("/login/code").param("code", String.format("%06d", i)).with(csrf()).with(client))
				.andReturn()
				.getResponse()
				.getStatus();
			if (status == 429) {
				refused++;
			}
		}
		assertThat(refused).as("codes beyond 30 a minute").isGreaterThan(5);
		this.mvc.perform(post("/login").with(csrf()).with(client).param("username", "x").param("password", "y"))
			.andExpect(status().isTooManyRequests());
		this.mvc.perform(post("/profile/authenticator/remove").with(csrf()).with(client))
			.andExpect(status().isTooManyRequests());
	}

}
