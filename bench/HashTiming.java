import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Times one password check with the application's own encoder (built by
 * org.roster.account.PasswordHashing, so the cost parameters are the deployed ones).
 * Run by bench/run.sh as a single-file program on the extracted jar's class path:
 *
 * java -cp 'extracted/roster.jar:extracted/lib/*' bench/HashTiming.java HASH PASSWORD [N]
 *
 * Prints "HASH check_ms=<median of N timed checks>" after a warm-up, single-threaded:
 * the login benchmark divides the core count by this time to get the hashing limit.
 */
public class HashTiming {

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: HashTiming HASH PASSWORD [CHECKS]");
			System.exit(2);
		}
		String hash = args[0];
		String password = args[1];
		int checks = (args.length > 2) ? Integer.parseInt(args[2]) : 30;
		PasswordEncoder encoder = applicationEncoder();
		// The JIT compiles BouncyCastle's Argon2 after a few calls; time the steady state.
		for (int i = 0; i < 15; i++) {
			check(encoder, password, hash);
		}
		double[] millis = new double[checks];
		for (int i = 0; i < checks; i++) {
			long start = System.nanoTime();
			check(encoder, password, hash);
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		double median = (checks % 2 == 1) ? millis[checks / 2] : (millis[checks / 2 - 1] + millis[checks / 2]) / 2;
		System.out.printf(java.util.Locale.ROOT, "HASH check_ms=%.3f min_ms=%.3f max_ms=%.3f checks=%d%n", median,
				millis[0], millis[checks - 1], checks);
	}

	private static void check(PasswordEncoder encoder, String password, String hash) {
		if (!encoder.matches(password, hash)) {
			throw new IllegalStateException("the password does not match the seeded hash");
		}
	}

	/** The bean method of the package-private configuration class, called directly. */
	private static PasswordEncoder applicationEncoder() throws Exception {
		Class<?> config = Class.forName("org.roster.account.PasswordHashing");
		Constructor<?> constructor = config.getDeclaredConstructor();
		constructor.setAccessible(true);
		Method bean = config.getDeclaredMethod("passwordEncoder");
		bean.setAccessible(true);
		return (PasswordEncoder) bean.invoke(constructor.newInstance());
	}

}
