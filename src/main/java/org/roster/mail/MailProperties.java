package org.roster.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.mail.*}: the sender address, how long each kind of link lives, and how
 * the outbox retries. The SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the {@code From} of every message
 * @param resetTtl how long a password-reset link works
 * @param verifyTtl how long an address-confirmation link works (new address and change)
 * @param inviteTtl how long an invitation works
 * @param maxAttempts deliveries tried before a message is marked failed
 * @param firstRetry the wait after the first failure, doubled after each one
 * @param maxRetry the longest wait between two attempts
 * @param pollInterval how often the sender looks for due messages
 * @param perAccountPerHour link mails (reset, confirmation) one account may get per hour
 * @param keepSent how long delivered messages stay in the outbox table
 */
@ConfigurationProperties("roster.mail")
public record MailProperties(@DefaultValue("Roster <no-reply@localhost>") String from,
		@DefaultValue("30m") Duration resetTtl, @DefaultValue("48h") Duration verifyTtl,
		@DefaultValue("7d") Duration inviteTtl, @DefaultValue("8") int maxAttempts,
		@DefaultValue("30s") Duration firstRetry, @DefaultValue("1h") Duration maxRetry,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("3") int perAccountPerHour,
		@DefaultValue("7d") Duration keepSent) {

	/** The wait before attempt {@code attempts + 1}. */
	Duration retryAfter(int attempts) {
		Duration wait = this.firstRetry;
		for (int i = 1; i < attempts && wait.compareTo(this.maxRetry) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxRetry) > 0) ? this.maxRetry : wait;
	}

	Duration ttl(LinkPurpose purpose) {
		return switch (purpose) {
			case RESET -> this.resetTtl;
			case INVITE -> this.inviteTtl;
			case VERIFY, EMAIL -> this.verifyTtl;
		};
	}

}
