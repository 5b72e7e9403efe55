package org.roster.account;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.MailFlowTestSupport;
import org.roster.testsupport.Together;
import org.roster.user.User;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-account limit of verification and address-change links
 * ({@code roster.mail.per-account-per-hour}, 3) holds when requests for one account
 * arrive together (on PostgreSQL too, in {@code EmailVerificationRacePostgresTest}): the
 * count and the new mail are not raced by another request doing the same.
 */
class EmailVerificationRaceTest extends MailFlowTestSupport {

	@Autowired
	EmailVerification verification;

	User alice;

	@BeforeEach
	void setUp() {
		this.alice = this.accounts.user("alice");
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
