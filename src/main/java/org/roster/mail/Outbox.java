package org.roster.mail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a feature puts the mail a change causes: the message is stored in the change's
 * own transaction (so it exists exactly when the change does) and {@code OutboxSender}
 * delivers it afterwards, with retries, on whichever node claims it first.
 */
@Component
public class Outbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final OutboxSender sender;

	private final MailTransport transport;

	Outbox(JdbcClient jdbc, JsonMapper json, OutboxSender sender, MailTransport transport) {
		this.jdbc = jdbc;
		this.json = json;
		this.sender = sender;
		this.transport = transport;
	}

	/**
	 * Whether messages go to an SMTP server ({@code spring.mail.host}); without one they
	 * only land as files in {@code data/outbox/}, which no recipient reads.
	 */
	public boolean sendsMail() {
		return this.transport instanceof SmtpTransport;
	}

	/**
	 * Delivers what is due now, outside any transaction: for {@code ./manage}, which ends
	 * before the server's next round, and for tests. Returns how many were delivered.
	 */
	public int deliverDue() {
		return this.sender.deliverDue();
	}

	/** Queues a message; it is sent once the caller's transaction commits. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void enqueue(OutgoingMail mail) {
		OutgoingMail.Link link = mail.link();
		Timestamp now = Timestamp.from(Instant.now());
		this.jdbc
			.sql("INSERT INTO mail_outbox (template, recipient, language, user_id, params, link_purpose, link_path,"
					+ " link_email, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(mail.template(), mail.recipient(), language(mail.language()), mail.userId(),
					this.json.writeValueAsString(mail.params()), (link != null) ? link.purpose().name() : null,
					(link != null) ? link.path() : null, (link != null) ? link.email() : null, now, now)
			.update();
	}

	/**
	 * How many messages with a link of these purposes the user was sent (or is waiting
	 * for) in the last {@code period}: the per-account limit of reset and confirmation
	 * mails.
	 */
	public int linkMailsSince(long userId, Duration period, LinkPurpose... purposes) {
		int count = 0;
		Timestamp since = Timestamp.from(Instant.now().minus(period));
		for (LinkPurpose purpose : purposes) {
			count += this.jdbc
				.sql("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND link_purpose = ? AND created_at > ?")
				.params(userId, purpose.name(), since)
				.query(Integer.class)
				.single();
		}
		return count;
	}

	/**
	 * How many messages to the user still wait for delivery (retried later, not yet
	 * failed): whether what a one-shot command queued went out.
	 */
	public int waitingFor(long userId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE user_id = ? AND status = 'PENDING'")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	private static String language(Locale locale) {
		return locale.toLanguageTag();
	}

}
