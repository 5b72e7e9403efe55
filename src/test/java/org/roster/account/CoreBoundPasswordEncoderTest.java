package org.roster.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * However many request threads log in at once, no more hashes than permits run together,
 * and every caller still gets its answer.
 */
class CoreBoundPasswordEncoderTest {

	@Test
	void runsAtMostOneHashPerPermitAtATime() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		PasswordEncoder slow = new PasswordEncoder() {

			@Override
			public String encode(CharSequence raw) {
				return "{x}" + hash(raw);
			}

			@Override
			public boolean matches(CharSequence raw, String encoded) {
				return encoded.equals("{x}" + hash(raw));
			}

			private String hash(CharSequence raw) {
				mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				running.decrementAndGet();
				return new StringBuilder(raw).reverse().toString();
			}

		};
		PasswordEncoder bounded = new CoreBoundPasswordEncoder(slow, 2);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Boolean>> answers = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			String password = "password-" + i;
			answers.add(threads.submit(() -> {
				start.await();
				return bounded.matches(password, bounded.encode(password)) && !bounded.matches("wrong", "{x}x");
			}));
		}
		start.countDown();
		for (Future<Boolean> answer : answers) {
			assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
		}
		threads.shutdown();
		assertThat(mostAtOnce.get()).isEqualTo(2);
	}

}
