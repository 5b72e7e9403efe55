package org.roster.activity;

import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs the log's upkeep on every server node ({@link ActivityUpkeep} keeps it to one at a
 * time); one-shot {@code ./manage} commands do not.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "roster.cli", havingValue = "false", matchIfMissing = true)
class ActivitySchedule {

	private static final Log logger = LogFactory.getLog(ActivitySchedule.class);

	private final ActivityUpkeep upkeep;

	private final ActivityProperties properties;

	ActivitySchedule(ActivityUpkeep upkeep, ActivityProperties properties) {
		this.upkeep = upkeep;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${roster.audit.rollup-interval:1m}",
			initialDelayString = "${roster.audit.rollup-interval:1m}")
	void rollUp() {
		this.upkeep.rollUp(Instant.now());
	}

	@Scheduled(fixedDelayString = "${roster.audit.retention-interval:10m}",
			initialDelayString = "${roster.audit.retention-interval:10m}")
	void deleteExpired() {
		long deleted = this.upkeep.deleteExpired(Instant.now(), this.properties.retention());
		if (deleted > 0) {
			logger.info("Deleted " + deleted + " activity events older than " + this.properties.retention());
		}
	}

}
