package org.roster.avatar;

import java.time.Duration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Reports the image store as {@code imageStore} in {@code /actuator/health}, by a full
 * {@link ImageStore#check() check}.
 */
final class ImageStoreHealthIndicator implements HealthIndicator {

	/**
	 * The health endpoint is open to anyone, and each check writes a file: answers are
	 * reused for a while so polling cannot turn into load on the FTP server.
	 */
	private static final long REUSE_NANOS = Duration.ofSeconds(10).toNanos();

	private final ImageStore store;

	private volatile Health last;

	private volatile long lastAt;

	ImageStoreHealthIndicator(ImageStore store) {
		this.store = store;
	}

	@Override
	public Health health() {
		Health health = this.last;
		if (health == null || System.nanoTime() - this.lastAt > REUSE_NANOS) {
			health = probe();
			this.last = health;
			this.lastAt = System.nanoTime();
		}
		return health;
	}

	private Health probe() {
		try {
			return Health.up().withDetail("check", this.store.check()).build();
		}
		catch (ImageStoreException ex) {
			return Health.down().withDetail("error", ex.getMessage()).build();
		}
	}

}
