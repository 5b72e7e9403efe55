package org.roster.mail;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.roster.web.PublicUrl;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each message is claimed with {@code FOR UPDATE SKIP LOCKED} in its
 * own transaction, which stays open while it is sent: another node skips it, so several
 * nodes never send one message twice, and a node that dies mid-way releases it for the
 * next. The link's token is made in that transaction, so a message that fails leaves no
 * token behind. A failure waits ({@code roster.mail.first-retry}, doubling) and after
 * {@code roster.mail.max-attempts} the message is marked failed and logged.
 */
@Component
class OutboxSender {

	private static final Log logger = LogFactory.getLog(OutboxSender.class);

	private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
	};

	private static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final MailTokens tokens;

	private final MailRenderer renderer;

	private final MailTransport transport;

	private final MailProperties properties;

	private final PublicUrl publicUrl;

	private final JsonMapper json;

	private volatile Instant nextPurge = Instant.EPOCH;

	private final Counter sent;

	private final Counter failed;

	OutboxSender(JdbcClient jdbc, PlatformTransactionManager transactionManager, MailTokens tokens,
			MailRenderer renderer, MailTransport transport, MailProperties properties, PublicUrl publicUrl,
			JsonMapper json, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.sent = Counter.builder("roster.mails")
			.description("Mails delivered or failed")
			.tag("outcome", "sent")
			.register(registry);
		this.failed = Counter.builder("roster.mails")
			.description("Mails delivered or failed")
			.tag("outcome", "failed")
			.register(registry);
		this.transactions = new TransactionTemplate(transactionManager);
		this.tokens = tokens;
		this.renderer = renderer;
		this.transport = transport;
		this.properties = properties;
		this.publicUrl = publicUrl;
		this.json = json;
	}

	/** Sends what is due, up to one batch; returns how many messages were delivered. */
	int deliverDue() {
		int delivered = 0;
		for (int i = 0; i < BATCH; i++) {
			Attempt attempt = this.transactions.execute((status) -> {
				Optional<Pending> next = claimNext();
				if (next.isEmpty()) {
					return null;
				}
				try {
					send(next.get());
					return new Attempt(next.get(), null);
				}
				catch (MessagingException | RuntimeException ex) {
					status.setRollbackOnly();
					return new Attempt(next.get(), ex);
				}
			});
			if (attempt == null) {
				break;
			}
			if (attempt.failure() == null) {
				delivered++;
				this.sent.increment();
			}
			else {
				this.failed.increment();
				recordFailure(attempt.pending(), attempt.failure());
			}
		}
		purgeNowAndThen();
		return delivered;
	}

	private Optional<Pending> claimNext() {
		return this.jdbc.sql("""
				SELECT id, template, recipient, language, user_id, params, link_purpose, link_path, link_email, attempts
				FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at <= ?
				ORDER BY next_attempt_at, id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED""")
			.param(Timestamp.from(Instant.now()))
			.query((rs, row) -> new Pending(rs.getLong("id"), rs.getString("template"), rs.getString("recipient"),
					Locale.forLanguageTag(rs.getString("language")), (Long) rs.getObject("user_id", Long.class),
					rs.getString("params"), rs.getString("link_purpose"), rs.getString("link_path"),
					rs.getString("link_email"), rs.getInt("attempts")))
			.optional();
	}

	private void send(Pending pending) throws MessagingException {
		String link = null;
		Duration validFor = null;
		if (pending.linkPurpose() != null) {
			if (pending.userId() == null || pending.linkPath() == null) {
				throw new IllegalStateException("A link needs a user and a page");
			}
			LinkPurpose purpose = LinkPurpose.valueOf(pending.linkPurpose());
			validFor = this.properties.ttl(purpose);
			String token = this.tokens.issue(pending.userId(), purpose, validFor, pending.linkEmail());
			link = this.publicUrl.link(pending.linkPath(), "token", token);
		}
		MailRenderer.RenderedMail mail = this.renderer.render(pending.template(), pending.language(),
				this.json.readValue(pending.params(), PARAMS), link, validFor);
		this.transport.send(message(pending, mail));
		this.jdbc.sql("UPDATE mail_outbox SET status = 'SENT', sent_at = ?, attempts = attempts + 1 WHERE id = ?")
			.params(Timestamp.from(Instant.now()), pending.id())
			.update();
		logger.info("Mail " + pending.id() + " (" + pending.template() + ") delivered to " + this.transport.describe());
	}

	private MimeMessage message(Pending pending, MailRenderer.RenderedMail mail) throws MessagingException {
		MimeMessage message = this.transport.createMessage();
		try {
			InternetAddress from = new InternetAddress(this.properties.from(), true);
			message.setFrom(new InternetAddress(from.getAddress(), from.getPersonal(), StandardCharsets.UTF_8.name()));
		}
		catch (UnsupportedEncodingException ex) {
			throw new IllegalStateException("Every JVM has UTF-8", ex);
		}
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(pending.recipient(), true));
		message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
		message.setSentDate(new Date());
		message.setHeader("Auto-Submitted", "auto-generated");
		message.setHeader("Content-Language", pending.language().toLanguageTag());
		MimeBodyPart text = new MimeBodyPart();
		text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
		MimeBodyPart html = new MimeBodyPart();
		html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(text);
		alternative.addBodyPart(html);
		message.setContent(alternative);
		return message;
	}

	private void recordFailure(Pending pending, Exception failure) {
		int attempts = pending.attempts() + 1;
		boolean last = attempts >= this.properties.maxAttempts();
		String error = oneLine(failure);
		Duration wait = this.properties.retryAfter(attempts);
		this.jdbc
			.sql("UPDATE mail_outbox SET attempts = ?, status = ?, next_attempt_at = ?, last_error = ?"
					+ " WHERE id = ? AND status = 'PENDING'")
			.params(attempts, last ? "FAILED" : "PENDING", Timestamp.from(Instant.now().plus(wait)), error,
					pending.id())
			.update();
		if (last) {
			logger.error("Mail " + pending.id() + " (" + pending.template() + ") failed " + attempts
					+ " times and is given up: " + error);
		}
		else {
			logger.warn("Mail " + pending.id() + " (" + pending.template() + ") not delivered (attempt " + attempts
					+ " of " + this.properties.maxAttempts() + "), next try in " + wait.toSeconds() + " s: " + error);
		}
	}

	private void purgeNowAndThen() {
		Instant now = Instant.now();
		if (now.isBefore(this.nextPurge)) {
			return;
		}
		this.nextPurge = now.plus(Duration.ofHours(1));
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("DELETE FROM mail_outbox WHERE status = 'SENT' AND sent_at < ?")
				.param(Timestamp.from(now.minus(this.properties.keepSent())))
				.update();
			this.tokens.purgeExpired();
		});
	}

	private static String oneLine(Exception failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		String line = root.getClass().getSimpleName() + ": " + message.replaceAll("\\s+", " ").strip();
		return (line.length() > 1000) ? line.substring(0, 1000) : line;
	}

	private record Pending(long id, String template, String recipient, Locale language, @Nullable Long userId,
			String params, @Nullable String linkPurpose, @Nullable String linkPath, @Nullable String linkEmail,
			int attempts) {
	}

	private record Attempt(Pending pending, @Nullable Exception failure) {
	}

}
