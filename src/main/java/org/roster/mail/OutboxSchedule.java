package org.roster.mail;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Every node's server delivers the outbox every {@code roster.mail.poll-interval}; a
 * one-shot {@code ./manage} command delivers what it queued itself before it ends.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "roster.cli", havingValue = "false", matchIfMissing = true)
class OutboxSchedule implements SchedulingConfigurer {

	private static final Log logger = LogFactory.getLog(OutboxSchedule.class);

	private final OutboxSender sender;

	private final MailProperties properties;

	OutboxSchedule(OutboxSender sender, MailProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::deliver, this.properties.pollInterval(), this.properties.pollInterval()));
	}

	private void deliver() {
		try {
			this.sender.deliverDue();
		}
		catch (RuntimeException ex) {
			// The database is away: the next round tries again.
			logger.warn("Cannot read the mail outbox: " + ex.getMessage());
		}
	}

}
