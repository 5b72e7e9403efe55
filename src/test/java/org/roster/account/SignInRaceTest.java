package org.roster.account;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sign-ins racing a change that ends access: four clients sign in over and over while an
 * admin suspends the account (or demotes it). Once the change has answered and the
 * sign-ins in flight have finished, no session of the user may be left, whichever sign-in
 * got past its password check just before the change committed.
 */
@DatabaseTest
class SignInRaceTest {

	private static final int CLIENTS = 4;

	private static final int ROUNDS = 4;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@Test
	void noSessionOutlivesASuspensionThatRacedItsSignIn() throws Exception {
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		User admin = accounts.admin("racer-admin");
		User user = accounts.user("racer");
		for (int round = 0; round < ROUNDS; round++) {
			setStatus(admin, user, "ACTIVE");
			List<Cookie> signedIn = signInWhile(user.getUsername(), () -> setStatus(admin, user, "SUSPENDED"));
			assertNoSessionSurvives(user, signedIn, "round " + round + " of the suspension");
		}
	}

	@Test
	void noSessionKeepsTheRoleADemotionRacedWith() throws Exception {
		AccountTestSupport accounts = new AccountTestSupport(this.users, this.encoder);
		User admin = accounts.admin("demoter");
		User user = accounts.admin("demotee");
		for (int round = 0; round < ROUNDS; round++) {
			setRole(admin, user, "ADMIN");
			List<Cookie> signedIn = signInWhile(user.getUsername(), () -> setRole(admin, user, "USER"));
			for (Cookie cookie : signedIn) {
				int status = this.mvc.perform(get("/user_list").accept("text/html").cookie(cookie))
					.andReturn()
					.getResponse()
					.getStatus();
				assertThat(status).as("round %d: a session signed in as admin still reaches the admin list", round)
					.isNotEqualTo(200);
			}
		}
	}

	/**
	 * Runs sign-ins of the user from {@link #CLIENTS} clients until {@code change} has
	 * answered, and returns the session cookies of those that succeeded.
	 */
	private List<Cookie> signInWhile(String username, ThrowingRunnable change) throws Exception {
		List<Cookie> sessions = new CopyOnWriteArrayList<>();
		AtomicBoolean changed = new AtomicBoolean();
		AtomicInteger attempts = new AtomicInteger();
		CountDownLatch running = new CountDownLatch(CLIENTS * 2);
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> clients = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				clients.add(pool.submit(() -> {
					// Go on a little after the change answered: sign-ins that read the
					// account just before it committed are still in flight then.
					int after = 0;
					while (after < 2) {
						MvcResult result = this.mvc
							.perform(post("/login").with(csrf())
								.with(AccountTestSupport.freshClient())
								.param("username", username)
								.param("password", AccountTestSupport.PASSWORD))
							.andReturn();
						attempts.incrementAndGet();
						running.countDown();
						Cookie cookie = result.getResponse().getCookie("ROSTER_SESSION");
						if ("/profile".equals(result.getResponse().getRedirectedUrl()) && cookie != null) {
							sessions.add(cookie);
						}
						if (changed.get()) {
							after++;
						}
					}
					return null;
				}));
			}
			// Each client has signed in twice: the sign-ins now overlap the change.
			assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
			change.run();
			changed.set(true);
			for (Future<?> client : clients) {
				client.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(attempts.get()).isGreaterThanOrEqualTo(CLIENTS * 3);
		return sessions;
	}

	private void assertNoSessionSurvives(User user, List<Cookie> signedIn, String what) throws Exception {
		assertThat(signedIn).as("sign-ins succeeded before the change").isNotEmpty();
		for (Cookie cookie : signedIn) {
			int status = this.mvc
				.perform(get("/edit_user").param("id", Long.toString(user.getId()))
					.accept(MediaType.APPLICATION_JSON)
					.cookie(cookie))
				.andReturn()
				.getResponse()
				.getStatus();
			assertThat(status).as("%s: a session signed in before it still works", what).isEqualTo(401);
		}
		assertThat(new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT count(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = ?", Integer.class, user.getUsername()))
			.as(what)
			.isZero();
	}

	private void setStatus(User admin, User user, String status) throws Exception {
		this.mvc
			.perform(put("/update_status").with(csrf())
				.with(AccountTestSupport.as(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"id\": " + user.getId() + ", \"status\": \"" + status + "\"}"))
			.andExpect(status().isOk());
	}

	private void setRole(User admin, User user, String role) throws Exception {
		long version = this.users.get(user.getId()).getVersion();
		this.mvc
			.perform(put("/edit_user").param("id", Long.toString(user.getId()))
				.with(csrf())
				.with(AccountTestSupport.as(admin))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"role\": \"" + role + "\", \"version\": " + version + "}"))
			.andExpect(status().isOk());
	}

	@FunctionalInterface
	private interface ThrowingRunnable {

		void run() throws Exception;

	}

}
