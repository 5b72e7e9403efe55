package org.roster.account;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.mail.LinkPurpose;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.TestMail;
import org.roster.testsupport.Together;
import org.roster.user.User;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What concurrent requests on one account must not break (on PostgreSQL too, in
 * {@code PasswordResetRacePostgresTest}): the per-account limit of link mails holds when
 * requests arrive together, and one link sets one password.
 */
class PasswordResetRaceTest extends MailFlowTestSupport {

	@Autowired
	PasswordResets resets;

	User alice;

	@BeforeEach
	void setUp() {
		this.alice = this.accounts.user("alice");
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
