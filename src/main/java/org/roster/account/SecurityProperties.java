package org.roster.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.security.*}: lockout, throttling, password policy and how long a sign-in
 * counts as recent (docs/API.md, Configuration).
 */
@ConfigurationProperties("roster.security")
public record SecurityProperties(@DefaultValue Lockout lockout, @DefaultValue RateLimit rateLimit,
		@DefaultValue Password password, @DefaultValue("5m") Duration recentSignIn) {

	public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration initialLock,
			@DefaultValue("15m") Duration maxLock) {
	}

	/** {@code perMinute} ≤ 0 switches throttling off (benchmarks only). */
	public record RateLimit(@DefaultValue("30") int perMinute) {
	}

	public record Password(@DefaultValue("3") int minScore) {
	}

}
