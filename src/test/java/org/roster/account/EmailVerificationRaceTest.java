package org.roster.account;

import java.util.List;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.Together;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-account limit of verification and address-change links
 * ({@code roster.mail.per-account-per-hour}, 3) holds when requests for one account
 * arrive together (on PostgreSQL too, in {@code EmailVerificationRacePostgresTest}): the
 * count and the new mail are not raced by another request doing the same.
 */
@DatabaseTest
class EmailVerificationRaceTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@Autowired
	EmailVerification verification;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	User alice;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.alice = new AccountTestSupport(this.users, this.encoder).user("alice");
	}

	@Test
	void resendsArrivingTogetherNeverPassThePerAccountLimit() throws Exception {
		List<String> outcomes = Together.run(8, () -> {
			try {
				return this.verification.resend(this.alice.getId()).sent() ? "sent" : "verified";
			}
			catch (MailLimitException ex) {
				return "limit";
			}
		});
		assertThat(outcomes).filteredOn("sent"::equals).hasSize(3);
		assertThat(outcomes).filteredOn("limit"::equals).hasSize(5);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND link_purpose = 'VERIFY'")
			.param(this.alice.getId())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

}
