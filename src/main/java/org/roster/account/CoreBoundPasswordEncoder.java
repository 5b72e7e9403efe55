package org.roster.account;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Lets at most one hash per core run at a time; the others wait their turn. More
 * concurrent hashes than cores cannot finish sooner, but each Argon2 computation keeps 19
 * MiB alive while it runs: a burst of logins spread over every request thread would hold
 * hundreds of megabytes and make the collector copy them again and again (measured: 8
 * concurrent logins on 2 cores spent a third of their time in full collections).
 */
final class CoreBoundPasswordEncoder implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Semaphore permits;

	CoreBoundPasswordEncoder(PasswordEncoder delegate, int permits) {
		this.delegate = delegate;
		this.permits = new Semaphore(permits, true);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return withPermit(() -> this.delegate.encode(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return withPermit(() -> this.delegate.matches(rawPassword, encodedPassword));
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	private <T> T withPermit(Supplier<T> hashing) {
		this.permits.acquireUninterruptibly();
		try {
			return hashing.get();
		}
		finally {
			this.permits.release();
		}
	}

}
