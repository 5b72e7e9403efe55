package org.roster.account;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roster.web.Messages;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/API.md, Accounts and security: 8–128 characters (64+ accepted), zxcvbn score ≥ 3,
 * nothing personal.
 */
class PasswordPolicyTest {

	private static final String USERNAME = "margaret";

	private static final String EMAIL = "m.hamilton@example.com";

	private final PasswordPolicy policy = new PasswordPolicy(
			new SecurityProperties(new SecurityProperties.Lockout(5, Duration.ofMinutes(1), Duration.ofMinutes(15)),
					new SecurityProperties.RateLimit(30), new SecurityProperties.Password(3), Duration.ofMinutes(5)),
			new Messages(bundles()));

	private static ResourceBundleMessageSource bundles() {
		ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
		bundles.setBasename("messages");
		bundles.setDefaultEncoding("UTF-8");
		bundles.setFallbackToSystemLocale(false);
		return bundles;
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Zq9#vT!", "x7$Kp2w" })
	void refusesFewerThanEightCharacters(String password) {
		assertThat(this.policy.check(password, USERNAME, EMAIL))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("at least 8"));
	}

	@Test
	void refusesNoPassword() {
		assertThat(this.policy.check(null, USERNAME, EMAIL)).isPresent();
	}

	@Test
	void refusesMoreThan128Characters() {
		String tooLong = strong(129);
		assertThat(tooLong).hasSize(129);
		assertThat(this.policy.check(tooLong, USERNAME, EMAIL))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("at most 128"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 64, 100, 128 })
	void acceptsLongStrongPasswords(int length) {
		String password = strong(length);
		assertThat(password).hasSize(length);
		assertThat(this.policy.check(password, USERNAME, EMAIL)).isEmpty();
	}

	@Test
	void acceptsAStrongPassphraseWithoutCompositionRules() {
		assertThat(this.policy.check("correct horse battery staple", USERNAME, EMAIL)).isEmpty();
		assertThat(this.policy.check("quietly orbiting walrus lanterns", USERNAME, EMAIL)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "password1", "12345678", "qwertyuiop", "iloveyou123", "aaaaaaaaaaaa" })
	void refusesWeakPasswords(String weak) {
		assertThat(this.policy.check(weak, USERNAME, EMAIL))
			.hasValueSatisfying((problem) -> assertThat(problem).startsWith("This password is too easy to guess"));
		assertThat(this.policy.score(weak, USERNAME, EMAIL)).isLessThan(3);
	}

	@Test
	void refusesAPasswordContainingTheUsername() {
		assertThat(this.policy.check("Velvet-MARGARET-orchid-42", USERNAME, EMAIL))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("username"));
	}

	@Test
	void refusesAPasswordContainingTheEmailLocalPart() {
		assertThat(this.policy.check("Velvet-m.Hamilton-orchid-42", USERNAME, EMAIL))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("email"));
		// The domain is not personal.
		assertThat(this.policy.check("Velvet-example-orchid-42!", USERNAME, EMAIL)).isEmpty();
	}

	@Test
	void personalPartsShorterThanThreeCharactersAreIgnored() {
		// "jo" is too short to be personal, also when the raw input has spaces around it.
		assertThat(this.policy.check("Velvet-jo-orchid-42-lantern", "someone", "jo@example.com")).isEmpty();
		assertThat(this.policy.check("Velvet-jo-orchid-42-lantern", "someone", "  jo@example.com ")).isEmpty();
		assertThat(this.policy.check("Velvet-jo-orchid-42-lantern", " jo ", "someone@example.com")).isEmpty();
	}

	@Test
	void theEmailLocalPartIsFoundDespiteSurroundingSpaces() {
		assertThat(this.policy.check("Velvet-hamilton-orchid-42", USERNAME, "  hamilton@example.com"))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("email"));
	}

	@Test
	void theSamePasswordIsFineForSomeoneElse() {
		assertThat(this.policy.check("Velvet-margaret-orchid-42", "someone", "someone@example.com")).isEmpty();
	}

	/** A random-looking password of the given length (deterministic, high entropy). */
	private static String strong(int length) {
		String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?@^_~";
		StringBuilder password = new StringBuilder();
		long seed = 0x5DEECE66DL;
		while (password.length() < length) {
			seed = (seed * 6364136223846793005L + 1442695040888963407L);
			password.append(alphabet.charAt((int) Long.remainderUnsigned(seed >>> 17, alphabet.length())));
		}
		return password.toString();
	}

}
