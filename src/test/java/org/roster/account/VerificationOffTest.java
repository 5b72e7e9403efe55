package org.roster.account;

import org.junit.jupiter.api.Test;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.user.User;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.roster.account.AccountTestSupport.as;
import static org.roster.account.AccountTestSupport.freshClient;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code roster.registration.email-verification = off}: no verification mail, no
 * "unverified" on the profile, no resend, and one's own address change applies at once.
 */
@TestPropertySource(properties = "roster.registration.email-verification=OFF")
class VerificationOffTest extends MailFlowTestSupport {

	@Test
	void noMailNoBadgeNoResendAndOwnChangesApplyAtOnce() throws Exception {
		this.mvc
			.perform(post("/register").with(csrf())
				.with(freshClient())
				.param("username", "quietly")
				.param("email", "quietly@example.org")
				.param("password", AccountTestSupport.PASSWORD)
				.param("passwordConfirm", AccountTestSupport.PASSWORD))
			.andExpect(redirectedUrl("/login?registered"));
		this.mvc.perform(get("/login?registered").accept(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("Your account is ready. Sign in to continue.")))
			.andExpect(content().string(not(containsString("We sent you a link"))));
		User user = this.users.findByLogin("quietly").orElseThrow();
		assertThat(this.db.count("mail_outbox")).isZero();
		AccountTestSupport.signIn(this.mvc, "quietly", AccountTestSupport.PASSWORD);

		this.mvc.perform(get("/profile").with(as(user)).accept(MediaType.TEXT_HTML))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("email-unverified"))))
			.andExpect(content().string(not(containsString("/verify-email/resend"))));
		this.mvc.perform(post("/verify-email/resend").with(as(user)).with(csrf()).with(freshClient()))
			.andExpect(status().isNotFound());

		this.mvc
			.perform(put("/edit_user").param("id", user.getId().toString())
				.with(as(user))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\": \"Quietly.New@example.org\", \"version\": " + user.getVersion() + "}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("quietly.new@example.org"))
			.andExpect(jsonPath("$.emailVerified").value(false))
			.andExpect(jsonPath("$.pendingEmail").doesNotExist());
		assertThat(this.db.count("mail_outbox")).isZero();
	}

}
