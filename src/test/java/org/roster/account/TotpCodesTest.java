package org.roster.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The code arithmetic against RFC 6238's test vectors, and the secrets' encryption with a
 * configured key.
 */
class TotpCodesTest {

	/** RFC 6238, appendix B: the SHA-1 key "12345678901234567890", in base32. */
	private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

	@Test
	void theCodesAreRfc6238s() {
		// The RFC's 8-digit values, of which apps show the last six.
		assertThat(TotpCodes.codeAt(RFC_SECRET, 59 / 30)).isEqualTo("287082");
		assertThat(TotpCodes.codeAt(RFC_SECRET, 1111111109L / 30)).isEqualTo("081804");
		assertThat(TotpCodes.codeAt(RFC_SECRET, 1234567890L / 30)).isEqualTo("005924");
		assertThat(TotpCodes.codeAt(RFC_SECRET, 2000000000L / 30)).isEqualTo("279037");
	}

	@Test
	void oneStepOfDriftEitherWayAndNoMore() {
		TotpCodes codes = new TotpCodes(Clock.fixed(Instant.ofEpochSecond(1111111109L), ZoneOffset.UTC));
		long now = 1111111109L / 30;
		assertThat(codes.matchingStep(RFC_SECRET, "081804")).hasValue(now);
		assertThat(codes.matchingStep(RFC_SECRET, "081 804")).hasValue(now);
		assertThat(codes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, now - 1))).hasValue(now - 1);
		assertThat(codes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, now + 1))).hasValue(now + 1);
		assertThat(codes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, now - 2))).isEmpty();
		assertThat(codes.matchingStep(RFC_SECRET, TotpCodes.codeAt(RFC_SECRET, now + 2))).isEmpty();
		assertThat(codes.matchingStep(RFC_SECRET, "08180")).isEmpty();
		assertThat(codes.matchingStep(RFC_SECRET, "abcdef")).isEmpty();
	}

	@Test
	void theKeyUriIsWhatAppsRead() {
		assertThat(TotpCodes.keyUri("Roster", "ada lovelace", RFC_SECRET))
			.isEqualTo("otpauth://totp/Roster:ada%20lovelace?secret=" + RFC_SECRET
					+ "&issuer=Roster&algorithm=SHA1&digits=6&period=30");
		assertThat(TotpCodes.newSecret()).matches("[A-Z2-7]{32}");
	}

	@Test
	void aConfiguredKeyEncryptsForOneUserOnly() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		SecretCipher cipher = new SecretCipher(properties(key), null);
		String sealed = cipher.encrypt(RFC_SECRET.getBytes(), 7);
		assertThat(sealed).startsWith("c").doesNotContain(RFC_SECRET);
		assertThat(new String(cipher.decrypt(sealed, 7))).isEqualTo(RFC_SECRET);
		assertThat(cipher.encrypt(RFC_SECRET.getBytes(), 7)).as("a new nonce each time").isNotEqualTo(sealed);
		assertThatIllegalStateException().isThrownBy(() -> cipher.decrypt(sealed, 8))
			.withMessageNotContaining(RFC_SECRET);
	}

	@Test
	void aMalformedKeyStopsTheStart() {
		assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(properties("c2hvcnQ="), null))
			.withMessageContaining("32 bytes");
		assertThatIllegalStateException().isThrownBy(() -> new SecretCipher(properties("not base64!"), null))
			.withMessageContaining("base64");
	}

	private static SecurityProperties properties(String key) {
		return new SecurityProperties(new SecurityProperties.Lockout(5, Duration.ofMinutes(1), Duration.ofMinutes(15)),
				new SecurityProperties.RateLimit(30), new SecurityProperties.Password(3),
				new SecurityProperties.Mfa(false, key), Duration.ofMinutes(5));
	}

}
