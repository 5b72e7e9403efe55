package org.roster.mail;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every node's server delivers the outbox every {@code roster.mail.poll-interval}; a
 * one-shot {@code ./manage} command delivers what it queued itself before it ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "roster.cli", havingValue = "false", matchIfMissing = true)
class OutboxSchedule {

	private static final Log logger = LogFactory.getLog(OutboxSchedule.class);

	private final OutboxSender sender;

	OutboxSchedule(OutboxSender sender) {
		this.sender = sender;
	}

	@Scheduled(fixedDelayString = "${roster.mail.poll-interval:2s}",
			initialDelayString = "${roster.mail.poll-interval:2s}")
	void deliver() {
		try {
			this.sender.deliverDue();
		}
		catch (RuntimeException ex) {
			// The database is away: the next round tries again.
			logger.warn("Cannot read the mail outbox: " + ex.getMessage());
		}
	}

}
