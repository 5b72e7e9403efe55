package org.roster.testsupport;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.account.AccountTestSupport;
import org.roster.mail.MailTokens;
import org.roster.mail.Outbox;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the mail-flow tests (verification, address change, password reset,
 * invitation): a {@link DatabaseTest} with the test SMTP server ({@link TestMail}, fresh
 * for each test method), the beans they use, and each test starting with no users, no
 * sessions and an empty outbox. Subclasses add their own {@code @BeforeEach} (it runs
 * after this one) and may run on PostgreSQL through an {@link OnPostgres} subclass.
 */
@DatabaseTest
public abstract class MailFlowTestSupport {

	@RegisterExtension
	protected static GreenMailExtension smtp = TestMail.server();

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected UserService users;

	@Autowired
	protected PasswordEncoder encoder;

	@Autowired
	protected DataSource dataSource;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected Outbox outbox;

	@Autowired
	protected MailTokens tokens;

	protected TestDatabase db;

	protected AccountTestSupport accounts;

	@BeforeEach
	void startWithNoUsersAndAnEmptyOutbox() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.accounts = new AccountTestSupport(this.users, this.encoder);
	}

	/** The body of an answer that passed its expectations. */
	protected static String body(ResultActions answer) throws Exception {
		return answer.andReturn().getResponse().getContentAsString();
	}

	/** Delivers what is due; the one message the SMTP server then has. */
	protected MimeMessage onlyMail() {
		this.outbox.deliverDue();
		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		return received[0];
	}

}
