package org.roster.account;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The C library and Bouncy Castle's port must be interchangeable: every hash stored
 * before the switch keeps signing its owner in, and a server that falls back to the port
 * still reads the hashes the library wrote.
 */
class NativeArgon2PasswordEncoderTest {

	private static final String PASSWORD = "correct horse battery stäple ✓";

	private final NativeArgon2PasswordEncoder nativeEncoder = new NativeArgon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	private final Argon2PasswordEncoder javaEncoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

	@Test
	void theNativeLibraryHashesOnThisPlatform() {
		String hash = this.nativeEncoder.encode(PASSWORD);

		assertThat(this.nativeEncoder.isNative()).isTrue();
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void hashesOfTheJavaPortStillVerify() {
		String hash = this.javaEncoder.encode(PASSWORD);

		assertThat(this.nativeEncoder.matches(PASSWORD, hash)).isTrue();
		assertThat(this.nativeEncoder.matches(PASSWORD + " ", hash)).isFalse();
		assertThat(this.nativeEncoder.isNative()).isTrue();
	}

	@Test
	void theJavaPortVerifiesNativeHashes() {
		String hash = this.nativeEncoder.encode(PASSWORD);

		assertThat(this.javaEncoder.matches(PASSWORD, hash)).isTrue();
		assertThat(this.javaEncoder.matches("correct horse", hash)).isFalse();
		assertThat(this.nativeEncoder.upgradeEncoding(hash)).isFalse();
	}

	@Test
	void weakerOrMalformedHashesAreHandledAsByTheJavaPort() {
		String weaker = new Argon2PasswordEncoder(16, 32, 1, 7 * 1024, 1).encode(PASSWORD);

		assertThat(this.nativeEncoder.matches(PASSWORD, weaker)).isTrue();
		assertThat(this.nativeEncoder.upgradeEncoding(weaker)).isTrue();
		assertThat(this.nativeEncoder.matches(PASSWORD, "$argon2id$v=19$m=19456,t=2,p=1$junk")).isFalse();
		assertThat(this.nativeEncoder.matches(PASSWORD, "not a hash")).isFalse();
		assertThat(this.nativeEncoder.matches(PASSWORD, null)).isFalse();
	}

}
