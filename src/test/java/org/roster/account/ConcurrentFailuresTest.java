package org.roster.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Failed logins arriving at once all count: the increment is atomic in SQL. */
@DatabaseTest
@TestPropertySource(properties = "roster.security.lockout.max-failures=50")
class ConcurrentFailuresTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void twentyParallelWrongPasswordsCountExactlyTwenty() throws Exception {
		User user = new AccountTestSupport(this.users, this.encoder).user("crowded");
		int attempts = 20;
		CyclicBarrier start = new CyclicBarrier(attempts);
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				int n = i;
				results.add(pool.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return this.mvc
						.perform(post("/login").with(csrf())
							.with(AccountTestSupport.freshClient())
							.param("username", "crowded")
							.param("password", "wrong-password-" + n))
						.andReturn()
						.getResponse()
						.getForwardedUrl();
				}));
			}
			for (Future<String> result : results) {
				assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo("/login/failed");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.users.get(user.getId()).getFailedLogins()).isEqualTo(attempts);
		assertThat(this.users.get(user.getId()).getLockedUntil()).isNull();
	}

}
