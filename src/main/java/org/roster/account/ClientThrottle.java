package org.roster.account;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A per-client-address token bucket (N per minute, refilled gradually). Buckets live in a
 * bounded cache, so a flood of addresses cannot exhaust memory. Per node: behind a load
 * balancer each node throttles on its own.
 */
final class ClientThrottle {

	private final int perMinute;

	private final Cache<String, Bucket> buckets;

	ClientThrottle(int perMinute) {
		this.perMinute = perMinute;
		this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
	}

	/** Zero when the request may go on, else the seconds to wait. */
	long secondsToWait(String clientAddress) {
		if (this.perMinute <= 0) {
			return 0;
		}
		Bucket bucket = this.buckets.get(clientAddress,
				(key) -> Bucket.builder()
					.addLimit(Bandwidth.builder()
						.capacity(this.perMinute)
						.refillGreedy(this.perMinute, Duration.ofMinutes(1))
						.build())
					.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0;
		}
		return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
	}

}
