package org.roster.activity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The activity log's upkeep ({@code roster.audit.*}).
 *
 * @param retention how long events are kept; older ones are deleted in small batches
 * @param retentionInterval how often a node looks for events past the retention
 * @param rollupInterval how often a node adds the new events to the dashboard's daily
 * figures
 */
@ConfigurationProperties("roster.audit")
record ActivityProperties(@DefaultValue("180d") Duration retention, @DefaultValue("10m") Duration retentionInterval,
		@DefaultValue("1m") Duration rollupInterval) {

	ActivityProperties {
		if (retention.compareTo(Duration.ofDays(1)) < 0) {
			throw new IllegalArgumentException("roster.audit.retention must be at least one day");
		}
		if (retentionInterval.isNegative() || retentionInterval.isZero() || rollupInterval.isNegative()
				|| rollupInterval.isZero()) {
			throw new IllegalArgumentException("roster.audit.*-interval must be positive");
		}
	}

}
