package org.roster.mail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.testsupport.TestMail;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The outbox against a real SMTP server: a message exists exactly when the transaction
 * that queued it committed, arrives once with both parts and a link built from
 * {@code roster.public-url}, survives an SMTP outage, and is given up (and counted) after
 * the last attempt. Its token works once and only for its purpose.
 */
@DatabaseTest
class OutboxTest {

	@RegisterExtension
	static GreenMailExtension smtp = TestMail.server();

	@Autowired
	Outbox outbox;

	@Autowired
	MailTokens tokens;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	MailHealthIndicator health;

	@Autowired
	MeterRegistry registry;

	User alice;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
		this.jdbc.sql("DELETE FROM mail_outbox").update();
		this.alice = new AccountTestSupport(this.users, this.encoder).user("alice");
	}

	@Test
	void aCommittedMessageArrivesOnceWithTextHtmlAndAWorkingLink() throws Exception {
		queueReset(Locale.ENGLISH);
		assertThat(this.outbox.deliverDue()).isEqualTo(1);
		assertThat(this.outbox.deliverDue()).as("nothing left to send").isZero();

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(1);
		MimeMessage message = received[0];
		assertThat(message.getSubject()).isEqualTo("Reset your Roster password");
		assertThat(message.getFrom()[0].toString()).isEqualTo("Roster <no-reply@localhost>");
		assertThat(message.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
		assertThat(message.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		assertThat(message.getHeader("Content-Language")).containsExactly("en");
		TestMail.Parts parts = TestMail.parts(message);
		assertThat(parts.contentType()).startsWith("multipart/alternative");
		assertThat(parts.text()).contains("Hello alice,").contains("The link works once, for 30 minutes.");
		assertThat(parts.html()).contains("Hello alice,").doesNotContain("<img").doesNotContain("<script");

		String link = TestMail.link(message, "/reset-password");
		assertThat(link).startsWith("https://roster.example.test/reset-password?token=");
		assertThat(TestMail.links(parts.html())).contains(link);
		String token = TestMail.token(link);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_tokens WHERE token_hash = ?")
			.param(token)
			.query(Integer.class)
			.single()).as("the database holds no usable token").isZero();

		MailTokens.Lookup found = this.tokens.find(token, LinkPurpose.RESET);
		assertThat(found.state()).isEqualTo(MailTokens.State.VALID);
		assertThat(found.token().userId()).isEqualTo(this.alice.getId());
		assertThat(this.tokens.find(token, LinkPurpose.VERIFY).state()).as("bound to its purpose")
			.isEqualTo(MailTokens.State.UNKNOWN);
		Optional<MailTokens.Token> used = this.transactions
			.execute((status) -> this.tokens.consume(token, LinkPurpose.RESET));
		assertThat(used).hasValueSatisfying((token1) -> assertThat(token1.userId()).isEqualTo(this.alice.getId()));
		Optional<MailTokens.Token> again = this.transactions
			.execute((status) -> this.tokens.consume(token, LinkPurpose.RESET));
		assertThat(again).as("single use").isEmpty();
		assertThat(this.tokens.find(token, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.SPENT);
		assertThat(this.tokens.find("not-a-token", LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.UNKNOWN);
	}

	@Test
	void aNewLinkVoidsTheOlderOne() throws Exception {
		queueReset(Locale.ENGLISH);
		queueReset(Locale.ENGLISH);
		assertThat(this.outbox.deliverDue()).isEqualTo(2);
		MimeMessage[] received = smtp.getReceivedMessages();
		String first = TestMail.token(TestMail.link(received[0], "/reset-password"));
		String second = TestMail.token(TestMail.link(received[1], "/reset-password"));
		assertThat(this.tokens.find(first, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.SPENT);
		assertThat(this.tokens.find(second, LinkPurpose.RESET).state()).isEqualTo(MailTokens.State.VALID);
	}

	/** A password set before a queued reset mail went out: that mail must not go out. */
	@Test
	void voidingLinksAlsoCancelsTheMessagesNotSentYet() {
		queueReset(Locale.ENGLISH);
		this.transactions.executeWithoutResult((status) -> this.tokens.voidAll(this.alice.getId(), LinkPurpose.RESET));
		assertThat(this.outbox.deliverDue()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_tokens").query(Integer.class).single()).isZero();
	}

	@Test
	void aRolledBackChangeSendsNothing() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.outbox.enqueue(resetFor(Locale.ENGLISH));
				throw new IllegalStateException("the change failed");
			}));
		assertThat(this.outbox.deliverDue()).isZero();
		assertThat(smtp.getReceivedMessages()).isEmpty();
	}

	@Test
	void messagesAreWrittenInTheRecipientsLanguage() throws Exception {
		queueReset(Locale.GERMAN);
		this.outbox.deliverDue();
		MimeMessage message = smtp.getReceivedMessages()[0];
		assertThat(message.getSubject()).isEqualTo("Ihr Roster-Passwort zurücksetzen");
		assertThat(message.getHeader("Content-Language")).containsExactly("de");
		assertThat(TestMail.parts(message).text()).contains("Hallo alice,").contains("30 Minuten");
	}

	@Test
	void anSmtpOutageDelaysTheMessageWhichArrivesOnceTheServerIsBack() throws Exception {
		double sent = mails("sent");
		double failed = mails("failed");
		queueReset(Locale.ENGLISH);
		smtp.stop();
		assertThat(this.outbox.deliverDue()).isZero();
		assertThat(mails("failed") - failed).as("the metric of failed deliveries").isEqualTo(1);
		assertThat(row("attempts")).isEqualTo("1");
		assertThat(row("status")).isEqualTo("PENDING");
		assertThat(row("last_error")).contains("Connect");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_tokens").query(Integer.class).single())
			.as("the failed attempt left no token")
			.isZero();
		assertThat(this.outbox.deliverDue()).as("not due again before the back-off").isZero();
		assertThat(row("attempts")).isEqualTo("1");

		smtp.start();
		makeDue();
		assertThat(this.outbox.deliverDue()).isEqualTo(1);
		assertThat(smtp.getReceivedMessages()).hasSize(1);
		assertThat(mails("sent") - sent).isEqualTo(1);
		assertThat(row("status")).isEqualTo("SENT");
		makeDue();
		assertThat(this.outbox.deliverDue()).isZero();
		assertThat(smtp.getReceivedMessages()).as("exactly once").hasSize(1);
	}

	@Test
	void afterTheLastAttemptTheMessageIsFailedAndCountedInHealth() {
		queueReset(Locale.ENGLISH);
		smtp.stop();
		for (int i = 0; i < 8; i++) {
			makeDue();
			this.outbox.deliverDue();
		}
		assertThat(row("status")).isEqualTo("FAILED");
		assertThat(row("attempts")).isEqualTo("8");
		Health health = this.health.health();
		assertThat(health.getDetails()).containsEntry("failed", 1L)
			.containsEntry("pending", 0L)
			.containsEntry("transport", "smtp 127.0.0.1:" + TestMail.PORT);
		smtp.start();
		makeDue();
		assertThat(this.outbox.deliverDue()).as("given up").isZero();
	}

	/** Two nodes polling one database (here two threads): each message goes out once. */
	@Test
	void twoSendersDeliverEachMessageExactlyOnce() throws Exception {
		for (int i = 0; i < 20; i++) {
			queueReset(Locale.ENGLISH);
		}
		ExecutorService nodes = Executors.newFixedThreadPool(2);
		try {
			CyclicBarrier start = new CyclicBarrier(2);
			List<Future<Integer>> delivered = new ArrayList<>();
			for (int node = 0; node < 2; node++) {
				delivered.add(nodes.submit(() -> {
					start.await();
					return this.outbox.deliverDue();
				}));
			}
			assertThat(delivered.get(0).get() + delivered.get(1).get()).isEqualTo(20);
		}
		finally {
			nodes.shutdown();
		}
		assertThat(smtp.getReceivedMessages()).hasSize(20);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = 'SENT' AND attempts = 1")
			.query(Integer.class)
			.single()).isEqualTo(20);
	}

	@Test
	void backOffDoublesUpToTheLongestWait() {
		MailProperties properties = new MailProperties("x", Duration.ZERO, Duration.ZERO, Duration.ZERO, 8,
				Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(1), 3, Duration.ofDays(1));
		assertThat(properties.retryAfter(1)).hasSeconds(30);
		assertThat(properties.retryAfter(2)).hasSeconds(60);
		assertThat(properties.retryAfter(3)).hasSeconds(120);
		assertThat(properties.retryAfter(5)).hasMinutes(5);
		assertThat(properties.retryAfter(20)).hasMinutes(5);
	}

	private void queueReset(Locale language) {
		this.transactions.executeWithoutResult((status) -> this.outbox.enqueue(resetFor(language)));
	}

	private OutgoingMail resetFor(Locale language) {
		return OutgoingMail.withLink("password-reset", this.alice.getEmail(), language, this.alice.getId(),
				Map.of("username", this.alice.getUsername()), LinkPurpose.RESET, "/reset-password");
	}

	private String row(String column) {
		return String.valueOf(this.jdbc.sql("SELECT " + column + " FROM mail_outbox").query().singleValue());
	}

	private void makeDue() {
		this.jdbc.sql("UPDATE mail_outbox SET next_attempt_at = next_attempt_at - INTERVAL '2' HOUR").update();
	}

	private double mails(String outcome) {
		return this.registry.get("roster.mails").tag("outcome", outcome).counter().count();
	}

}
