package org.roster.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import com.bastiaanjansen.otp.HMACAlgorithm;
import com.bastiaanjansen.otp.HOTPGenerator;
import com.bastiaanjansen.otp.SecretGenerator;

import org.springframework.stereotype.Component;

/**
 * Authenticator-app codes (RFC 6238 with the parameters every app supports: SHA-1, 6
 * digits, 30-second steps). A code is checked against the current step and one step on
 * either side, for a phone's clock that is a little off; which step matched is returned,
 * so the caller can refuse a step already used. The time comes from the clock bean (tests
 * move it).
 */
@Component
class TotpCodes {

	static final int PERIOD_SECONDS = 30;

	static final int DIGITS = 6;

	/** Steps accepted on either side of the current one. */
	static final int DRIFT = 1;

	private static final Pattern CODE = Pattern.compile("\\d{" + DIGITS + "}");

	private final Clock clock;

	TotpCodes(Clock clock) {
		this.clock = clock;
	}

	/** A new secret: 160 random bits in base32, as apps take it. */
	static String newSecret() {
		return new String(SecretGenerator.generate(160), StandardCharsets.US_ASCII);
	}

	long currentStep() {
		return Math.floorDiv(this.clock.instant().getEpochSecond(), PERIOD_SECONDS);
	}

	/** Whether the input has the shape of a code (six digits, spaces ignored). */
	static boolean looksLikeCode(String input) {
		return CODE.matcher(normalise(input)).matches();
	}

	static String normalise(String input) {
		return input.replaceAll("\\s", "");
	}

	/** The step whose code {@code input} is, within the drift; empty if none. */
	OptionalLong matchingStep(String base32Secret, String input) {
		String code = normalise(input);
		if (!CODE.matcher(code).matches()) {
			return OptionalLong.empty();
		}
		HOTPGenerator generator = generator(base32Secret);
		long now = currentStep();
		long matched = -1;
		// Every candidate is compared (in constant time), whichever matches.
		for (long step = now - DRIFT; step <= now + DRIFT; step++) {
			if (MessageDigest.isEqual(generator.generate(step).getBytes(StandardCharsets.US_ASCII),
					code.getBytes(StandardCharsets.US_ASCII))) {
				matched = step;
			}
		}
		return (matched >= 0) ? OptionalLong.of(matched) : OptionalLong.empty();
	}

	/** The code of a step (tests and the browser test's "phone" use it too). */
	static String codeAt(String base32Secret, long step) {
		return generator(base32Secret).generate(step);
	}

	private static HOTPGenerator generator(String base32Secret) {
		return new HOTPGenerator.Builder(base32Secret.getBytes(StandardCharsets.US_ASCII)).withPasswordLength(DIGITS)
			.withAlgorithm(HMACAlgorithm.SHA1)
			.build();
	}

	/** What the QR code holds ({@code otpauth://totp/...}, Google's key-URI format). */
	static String keyUri(String issuer, String username, String base32Secret) {
		String label = encode(issuer) + ":" + encode(username);
		return "otpauth://totp/" + label + "?secret=" + base32Secret + "&issuer=" + encode(issuer)
				+ "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
