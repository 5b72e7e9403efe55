package org.roster.mail;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health}'s {@code outbox}: where mail goes, how many messages wait and
 * how many were given up on (each is in the log, and in {@code mail_outbox} with its
 * error).
 */
@Component("outboxHealthIndicator")
class MailHealthIndicator implements HealthIndicator {

	private final JdbcClient jdbc;

	private final MailTransport transport;

	MailHealthIndicator(JdbcClient jdbc, MailTransport transport) {
		this.jdbc = jdbc;
		this.transport = transport;
	}

	@Override
	public Health health() {
		long pending = count("PENDING");
		long failed = count("FAILED");
		return Health.up()
			.withDetail("transport", this.transport.describe())
			.withDetail("pending", pending)
			.withDetail("failed", failed)
			.build();
	}

	private long count(String status) {
		return this.jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status = ?")
			.param(status)
			.query(Long.class)
			.single();
	}

}
