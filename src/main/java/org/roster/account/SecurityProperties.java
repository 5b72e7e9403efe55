package org.roster.account;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code roster.security.*}: lockout, throttling, password policy, second factors and how
 * long a sign-in counts as recent (docs/API.md, Configuration).
 */
@ConfigurationProperties("roster.security")
public record SecurityProperties(@DefaultValue Lockout lockout, @DefaultValue RateLimit rateLimit,
		@DefaultValue Password password, @DefaultValue Mfa mfa, @DefaultValue("5m") Duration recentSignIn) {

	public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("1m") Duration initialLock,
			@DefaultValue("15m") Duration maxLock) {
	}

	/** {@code perMinute} ≤ 0 switches throttling off (benchmarks only). */
	public record RateLimit(@DefaultValue("30") int perMinute) {
	}

	public record Password(@DefaultValue("3") int minScore) {
	}

	/**
	 * @param requiredForAdmins an admin without a second factor must set one up right
	 * after the password, before anything else
	 * @param encryptionKey base64 of 32 bytes that encrypt the authenticator secrets;
	 * unset: a key made once and kept in the database ({@code server_keys})
	 */
	public record Mfa(@DefaultValue("false") boolean requiredForAdmins, @Nullable String encryptionKey) {
	}

}
