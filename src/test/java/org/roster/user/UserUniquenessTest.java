package org.roster.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Usernames and emails are unique case-insensitively, decided by the database (so also
 * under concurrency), and reported as {@link DuplicateUserException}.
 */
@DatabaseTest
class UserUniquenessTest {

	@Autowired
	UserService users;

	@Autowired
	DataSource dataSource;

	TestDatabase db;

	@BeforeEach
	void emptyTables() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
	}

	@Test
	void usernamesDifferingOnlyInCaseCollide() {
		User bob = this.users.create(new NewUser("Bob", "bob@example.com", "hash", Role.USER));
		assertThat(bob.getUsername()).isEqualTo("Bob");

		assertThatExceptionOfType(DuplicateUserException.class)
			.isThrownBy(() -> this.users.create(new NewUser("bob", "other@example.com", "hash", Role.USER)))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("username"));
		assertThat(this.users.usernameTaken("BOB")).isTrue();
		assertThat(this.users.findByLogin("bOb")).map(User::getId).contains(bob.getId());
		assertThat(this.db.count("users")).isEqualTo(1);
	}

	@Test
	void emailsDifferingOnlyInCaseCollide() {
		User first = this.users.create(new NewUser("upper", "A@X.COM", "hash", Role.USER));
		assertThat(first.getEmail()).isEqualTo("a@x.com");
		assertThat(this.db.jdbc().queryForObject("SELECT email FROM users WHERE id = ?", String.class, first.getId()))
			.isEqualTo("a@x.com");

		assertThatExceptionOfType(DuplicateUserException.class)
			.isThrownBy(() -> this.users.create(new NewUser("lower", "a@x.com", "hash", Role.USER)))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("email"));
		assertThat(this.users.emailTaken("A@x.Com", null)).isTrue();
		assertThat(this.users.emailTaken("A@x.Com", first.getId())).isFalse();
		assertThat(this.users.findByLogin("A@X.com")).map(User::getId).contains(first.getId());
	}

	@Test
	void changingTheEmailToAnotherUsersOneIsADuplicate() {
		this.users.create(new NewUser("one", "one@example.com", "hash", Role.USER));
		User two = this.users.create(new NewUser("two", "two@example.com", "hash", Role.USER));

		assertThatExceptionOfType(DuplicateUserException.class)
			.isThrownBy(
					() -> this.users.update(two.getId(), two.getVersion(), new AccountChanges("ONE@example.com", null)))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("email"));
		assertThat(this.users.get(two.getId()).getEmail()).isEqualTo("two@example.com");
	}

	/**
	 * Two registrations of one email at the same moment: the database lets exactly one
	 * through and the other caller gets the domain exception, not a raw SQL error.
	 */
	@RepeatedTest(3)
	void concurrentRegistrationsOfOneEmailLetExactlyOneThrough() throws Exception {
		CyclicBarrier start = new CyclicBarrier(2);
		List<Callable<User>> registrations = List.of(
				() -> awaitThen(start,
						() -> this.users.create(new NewUser("racer1", "race@example.com", "h", Role.USER))),
				() -> awaitThen(start,
						() -> this.users.create(new NewUser("racer2", "RACE@example.com", "h", Role.USER))));

		List<Object> outcomes = runConcurrently(registrations);

		assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof User))
			.singleElement()
			.isInstanceOfSatisfying(DuplicateUserException.class, (ex) -> assertThat(ex.getField()).isEqualTo("email"));
		assertThat(this.db.count("users", "email = ?", "race@example.com")).isEqualTo(1);
		assertThat(this.db.count("user_profiles")).isEqualTo(1);
	}

	@Test
	void theDatabaseRefusesAMixedCaseEmailWrittenAroundTheService() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.db.jdbc()
				.update("INSERT INTO users (username, username_key, email, password_hash, created_at, updated_at)"
						+ " VALUES ('mixed', 'mixed', 'Mixed@Example.com', 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
			.satisfies((ex) -> assertThat(ex.getMostSpecificCause().getMessage().toLowerCase(Locale.ROOT))
				.contains("users_email_lower_chk"));
		assertThat(this.db.count("users")).isZero();
	}

	@Test
	void theDatabaseRefusesAUsernameKeyThatIsNotTheLowerCaseUsername() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.db.jdbc()
				.update("INSERT INTO users (username, username_key, email, password_hash, created_at, updated_at)"
						+ " VALUES ('Mixed', 'Mixed', 'mixed@example.com', 'h', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
			.satisfies((ex) -> assertThat(ex.getMostSpecificCause().getMessage().toLowerCase(Locale.ROOT))
				.contains("users_username_key_chk"));
	}

	private static <T> T awaitThen(CyclicBarrier barrier, Callable<T> action) throws Exception {
		barrier.await(10, TimeUnit.SECONDS);
		return action.call();
	}

	/**
	 * Runs the tasks on their own threads; each outcome is the result or the exception
	 * thrown.
	 */
	static List<Object> runConcurrently(List<? extends Callable<?>> tasks) throws InterruptedException {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (Callable<?> task : tasks) {
				futures.add(pool.submit(task));
			}
			List<Object> outcomes = new ArrayList<>();
			for (Future<?> future : futures) {
				try {
					outcomes.add(future.get(30, TimeUnit.SECONDS));
				}
				catch (ExecutionException ex) {
					outcomes.add(ex.getCause());
				}
				catch (TimeoutException ex) {
					throw new AssertionError("a concurrent task did not finish within 30 s", ex);
				}
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
