package org.roster.storage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Retries, on every node, the event side effects that failed: Spring Modulith's event
 * publication registry keeps a row in {@code event_publication} for each after-commit
 * listener call until it has succeeded (the avatar file's deletion while the FTP server
 * is down). Every {@code roster.events.retry-interval} this calls the listener again for
 * failed publications; the staleness monitor ({@code spring.modulith.events.staleness.*})
 * marks those that a crashed node left half-done as failed, so they are retried too.
 * <p>
 * Several nodes: a publication is claimed with one atomic update (status
 * {@code RESUBMITTED}), so two nodes do not retry the same one at once. A publication
 * that the staleness monitor gave up on while a node was still working on it may run
 * twice; every listener here must tolerate that (deleting a file that is gone counts as
 * done). One-shot {@code ./manage} commands do not retry.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "roster.cli", havingValue = "false", matchIfMissing = true)
class EventPublicationRetry implements SchedulingConfigurer {

	private static final Log logger = LogFactory.getLog(EventPublicationRetry.class);

	private final FailedEventPublications failed;

	private final EventRetryProperties properties;

	EventPublicationRetry(FailedEventPublications failed, EventRetryProperties properties) {
		this.failed = failed;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(
				new FixedDelayTask(this::retry, this.properties.retryInterval(), this.properties.retryInterval()));
	}

	void retry() {
		logger.debug("Retrying failed event publications");
		// The batch bounds what all nodes together have claimed and not finished.
		this.failed.resubmit(ResubmissionOptions.defaults()
			.withMinAge(this.properties.retryInterval())
			.withBatchSize(this.properties.retryBatch())
			.withMaxInFlight(this.properties.retryBatch()));
	}

}
