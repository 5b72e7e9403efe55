package org.roster.admin;

import java.nio.charset.StandardCharsets;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Without an SMTP server the import still creates the accounts, invited and with no
 * password anyone knows, and queues no mail nobody would read; the answer says so
 * ({@code mail: false}), and the page says how they get in.
 */
@DatabaseTest
@TestPropertySource(
		properties = "spring.autoconfigure.exclude=org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration")
class UserImportWithoutMailTest {

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

	@Test
	void theAccountsAreCreatedInvitedWithoutMail() throws Exception {
		TestDatabase db = new TestDatabase(this.dataSource);
		db.deleteAllUsers();
		db.jdbc().update("DELETE FROM mail_outbox");
		User admin = new AccountTestSupport(this.users, this.encoder).admin("nomailboss");
		MockMultipartFile file = new MockMultipartFile("file", "users.csv", "text/csv",
				"username,email\nrosa,rosa@example.com\n".getBytes(StandardCharsets.UTF_8));
		JsonNode preview = this.json.readTree(this.mvc
			.perform(multipart("/users/import?dryRun=true").file(file)
				.with(as(admin))
				.with(csrf())
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.mail").value(false))
			.andReturn()
			.getResponse()
			.getContentAsString());
		this.mvc
			.perform(multipart("/users/import").file(file)
				.param("planId", preview.get("planId").asString())
				.with(as(admin))
				.with(csrf())
				.accept(MediaType.APPLICATION_JSON))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.mail").value(false))
			.andExpect(jsonPath("$.create").value(1));
		User rosa = this.users.findByLogin("rosa").orElseThrow();
		assertThat(rosa.isInvited()).as("Resend invitation works once mail does").isTrue();
		assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM mail_outbox", Integer.class)).isZero();
	}

}
