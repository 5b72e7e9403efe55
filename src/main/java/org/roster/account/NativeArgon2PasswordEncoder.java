package org.roster.account;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id computed by the reference C library (argon2-jvm, through JNA) instead of
 * Bouncy Castle's Java port. Both read and write the same PHC string
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}), so either verifies the other's hashes.
 * The C library's 19 MiB of blocks live outside the Java heap: under a burst of sign-ins
 * the collector no longer copies them from one generation to the next, which cost more
 * CPU than the hashing itself (measured in docs/PERFORMANCE.md).
 *
 * <p>
 * The library is loaded at the first hash, not at start-up. Where it cannot be (a
 * platform argon2-jvm has no build for, a temporary folder that forbids executables), the
 * Java port takes over with the same parameters, and the log says why once.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

	private static final Log logger = LogFactory.getLog(NativeArgon2PasswordEncoder.class);

	private final int saltLength;

	private final int hashLength;

	private final int memoryKiB;

	private final int iterations;

	private final int parallelism;

	/**
	 * Same parameters; reads hashes for {@link #upgradeEncoding} and stands in without
	 * the library.
	 */
	private final Argon2PasswordEncoder java;

	private volatile PasswordEncoder delegate;

	NativeArgon2PasswordEncoder(int saltLength, int hashLength, int parallelism, int memoryKiB, int iterations) {
		this.memoryKiB = memoryKiB;
		this.iterations = iterations;
		this.parallelism = parallelism;
		this.java = new Argon2PasswordEncoder(saltLength, hashLength, parallelism, memoryKiB, iterations);
		this.saltLength = saltLength;
		this.hashLength = hashLength;
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return delegate().encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		return delegate().matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.java.upgradeEncoding(encodedPassword);
	}

	/** Whether hashes are computed by the C library (false before the first hash). */
	boolean isNative() {
		return this.delegate instanceof Native;
	}

	private PasswordEncoder delegate() {
		PasswordEncoder current = this.delegate;
		if (current == null) {
			synchronized (this) {
				current = this.delegate;
				if (current == null) {
					current = load();
					this.delegate = current;
				}
			}
		}
		return current;
	}

	private PasswordEncoder load() {
		try {
			Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, this.saltLength, this.hashLength);
			// A tiny hash proves that the library and its calling convention work here.
			argon2.hash(1, 8, 1, new byte[] { 1 });
			return new Native(argon2);
		}
		catch (LinkageError | RuntimeException ex) {
			logger.warn("The native Argon2 library could not be loaded (" + ex
					+ "); passwords are hashed by the slower Java implementation with the same parameters");
			return this.java;
		}
	}

	private final class Native implements PasswordEncoder {

		private final Argon2 argon2;

		private Native(Argon2 argon2) {
			this.argon2 = argon2;
		}

		@Override
		public String encode(CharSequence rawPassword) {
			byte[] password = bytes(rawPassword);
			try {
				return this.argon2.hash(NativeArgon2PasswordEncoder.this.iterations,
						NativeArgon2PasswordEncoder.this.memoryKiB, NativeArgon2PasswordEncoder.this.parallelism,
						password);
			}
			finally {
				Arrays.fill(password, (byte) 0);
			}
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			// Not an Argon2 hash at all: false, as the Java port answers, without a
			// native call.
			if (encodedPassword == null || !encodedPassword.startsWith("$argon2")) {
				return false;
			}
			byte[] password = bytes(rawPassword);
			try {
				return this.argon2.verify(encodedPassword, password);
			}
			catch (IllegalStateException malformed) {
				return false;
			}
			finally {
				Arrays.fill(password, (byte) 0);
			}
		}

		private static byte[] bytes(CharSequence rawPassword) {
			return rawPassword.toString().getBytes(StandardCharsets.UTF_8);
		}

	}

}
