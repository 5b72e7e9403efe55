import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * Prints "HASH check_ms=<median wall-clock time of N checks> cpu_ms=<median CPU time>"
 * after a warm-up, single-threaded: the login benchmark divides the core count by the
 * wall-clock time to get the hashing limit, and compares the CPU time with the server's
 * CPU time per login.
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
		// Wall-clock time, and this thread's CPU time: the latter hardly changes when other
		// processes compete for the cores, so it compares with the server's CPU per login.
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		double[] millis = new double[checks];
		double[] cpuMillis = new double[checks];
		for (int i = 0; i < checks; i++) {
			long start = System.nanoTime();
			long cpuStart = threads.getCurrentThreadCpuTime();
			check(encoder, password, hash);
			cpuMillis[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		System.out.printf(java.util.Locale.ROOT, "HASH check_ms=%.3f cpu_ms=%.3f min_ms=%.3f max_ms=%.3f checks=%d%n",
				median(millis), median(cpuMillis), min(millis), max(millis), checks);
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	private static double min(double[] values) {
		return Arrays.stream(values).min().orElse(0);
	}

	private static double max(double[] values) {
		return Arrays.stream(values).max().orElse(0);
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
