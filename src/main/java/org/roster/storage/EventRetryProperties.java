package org.roster.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retry of event side effects that failed ({@code roster.events.*}).
 *
 * @param retryInterval how long each node waits between two looks for failed event
 * publications (and before the first), and how old a publication must be before a retry
 * @param retryBatch the most failed publications one look retries, one after another
 */
@ConfigurationProperties("roster.events")
record EventRetryProperties(@DefaultValue("1m") Duration retryInterval, @DefaultValue("100") int retryBatch) {

	EventRetryProperties {
		if (retryInterval.isNegative() || retryInterval.isZero()) {
			throw new IllegalArgumentException("roster.events.retry-interval must be positive");
		}
		if (retryBatch < 1) {
			throw new IllegalArgumentException("roster.events.retry-batch must be at least 1");
		}
	}

}
