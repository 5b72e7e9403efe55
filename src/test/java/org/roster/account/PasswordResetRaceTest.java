package org.roster.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.mail.LinkPurpose;
import org.roster.mail.Outbox;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.Together;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What concurrent requests on one account must not break (on PostgreSQL too, in
 * {@code PasswordResetRacePostgresTest}): the per-account limit of link mails holds when
 * requests arrive together, and one link sets one password.
 */
@DatabaseTest
class PasswordResetRaceTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@Autowired
	PasswordResets resets;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Outbox outbox;

	User alice;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.alice = new AccountTestSupport(this.users, this.encoder).user("alice");
	}

	@Test
	void requestsArrivingTogetherNeverPassThePerAccountLimit() throws Exception {
		List<Object> outcomes = Together.<Object>run(8, () -> {
			this.resets.request("alice");
			return "done";
		});
		assertThat(outcomes).containsOnly("done");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ?")
			.param(this.alice.getId())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void oneLinkSetsOnePasswordWhenTwoRequestsUseItTogether() throws Exception {
		this.resets.request("alice");
		this.outbox.deliverDue();
		String token = TestMail.token(TestMail.link(smtp.getReceivedMessages()[0], "/reset-password"));
		String first = this.encoder.encode("first-quiet-lantern-58");
		String second = this.encoder.encode("second-quiet-lantern-58");
		List<Object> outcomes = Together.<Object>run(2, new Callable<>() {

			private final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public Object call() {
				String hash = (this.turn.getAndIncrement() == 0) ? first : second;
				try {
					return this.resetWith(hash);
				}
				catch (ConcurrencyFailureException ex) {
					// What the controller answers as a used link (410).
					return "refused";
				}
			}

			private Object resetWith(String hash) {
				Optional<User> done = PasswordResetRaceTest.this.resets.complete(token, LinkPurpose.RESET, hash);
				return done.isPresent() ? done.get().getPasswordHash() : "refused";
			}

		});
		assertThat(outcomes).filteredOn("refused"::equals).hasSize(1);
		Object winner = outcomes.stream().filter((outcome) -> !"refused".equals(outcome)).findFirst().orElseThrow();
		assertThat(this.users.get(this.alice.getId()).getPasswordHash()).isEqualTo(winner);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE template = 'password-changed'")
			.query(Integer.class)
			.single()).as("one notice").isOne();
	}

}
