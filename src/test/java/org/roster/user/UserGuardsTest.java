package org.roster.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules that protect accounts: the last active admin stays, stale edits are refused,
 * failed logins are counted atomically.
 */
@DatabaseTest
class UserGuardsTest {

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
	void theOnlyActiveAdminCannotBeDemotedSuspendedOrDeleted() {
		User admin = this.users.create(new NewUser("root", "root@example.com", "h", Role.ADMIN));
		// Another admin who is suspended does not count.
		User suspended = this.users.create(new NewUser("sleeper", "sleeper@example.com", "h", Role.ADMIN));
		this.users.create(new NewUser("plain", "plain@example.com", "h", Role.USER));
		this.users.changeStatus(suspended.getId(), UserStatus.SUSPENDED);

		assertThatExceptionOfType(LastActiveAdminException.class).isThrownBy(
				() -> this.users.update(admin.getId(), admin.getVersion(), new AccountChanges(null, Role.USER)));
		assertThatExceptionOfType(LastActiveAdminException.class)
			.isThrownBy(() -> this.users.changeStatus(admin.getId(), UserStatus.SUSPENDED));
		assertThatExceptionOfType(LastActiveAdminException.class).isThrownBy(() -> this.users.delete(admin.getId()));

		User unchanged = this.users.get(admin.getId());
		assertThat(unchanged.getRole()).isEqualTo(Role.ADMIN);
		assertThat(unchanged.getStatus()).isEqualTo(UserStatus.ACTIVE);
		assertThat(unchanged.getVersion()).isEqualTo(admin.getVersion());
		assertThat(this.db.count("user_profiles", "user_id = ?", admin.getId())).isEqualTo(1);
	}

	@Test
	void withTwoActiveAdminsEachChangeWorks() {
		User first = this.users.create(new NewUser("first", "first@example.com", "h", Role.ADMIN));
		User second = this.users.create(new NewUser("second", "second@example.com", "h", Role.ADMIN));

		User demoted = this.users.update(first.getId(), first.getVersion(), new AccountChanges(null, Role.USER));
		assertThat(demoted.getRole()).isEqualTo(Role.USER);
		// Now second is the last one.
		assertThatExceptionOfType(LastActiveAdminException.class)
			.isThrownBy(() -> this.users.changeStatus(second.getId(), UserStatus.SUSPENDED));

		this.users.update(first.getId(), demoted.getVersion(), new AccountChanges(null, Role.ADMIN));
		assertThat(this.users.changeStatus(second.getId(), UserStatus.SUSPENDED).getStatus())
			.isEqualTo(UserStatus.SUSPENDED);
		this.users.changeStatus(second.getId(), UserStatus.ACTIVE);

		this.users.delete(first.getId());
		assertThat(this.users.findById(first.getId())).isEmpty();
		assertThat(this.db.count("user_profiles", "user_id = ?", first.getId())).isZero();
	}

	/**
	 * Two admins remove each other at the same moment (one demoted, one suspended): the
	 * row locks make one of them wait and see that it is now the last one.
	 */
	@RepeatedTest(5)
	void concurrentRemovalsOfTwoAdminsLeaveOne() throws Exception {
		User first = this.users.create(new NewUser("first", "first@example.com", "h", Role.ADMIN));
		User second = this.users.create(new NewUser("second", "second@example.com", "h", Role.ADMIN));
		CyclicBarrier start = new CyclicBarrier(2);
		List<Callable<User>> removals = List.of(() -> {
			start.await(10, TimeUnit.SECONDS);
			return this.users.update(first.getId(), first.getVersion(), new AccountChanges(null, Role.USER));
		}, () -> {
			start.await(10, TimeUnit.SECONDS);
			return this.users.changeStatus(second.getId(), UserStatus.SUSPENDED);
		});

		List<Object> outcomes = UserUniquenessTest.runConcurrently(removals);

		assertThat(outcomes).filteredOn(User.class::isInstance).hasSize(1);
		assertThat(outcomes).filteredOn((outcome) -> !(outcome instanceof User))
			.singleElement()
			.isInstanceOf(LastActiveAdminException.class);
		assertThat(this.db.count("users", "role = 'ADMIN' AND status = 'ACTIVE'")).isEqualTo(1);
	}

	@Test
	void ordinaryUsersAreNotGuarded() {
		this.users.create(new NewUser("admin", "admin@example.com", "h", Role.ADMIN));
		User user = this.users.create(new NewUser("someone", "someone@example.com", "h", Role.USER));

		assertThat(this.users.changeStatus(user.getId(), UserStatus.SUSPENDED).getStatus())
			.isEqualTo(UserStatus.SUSPENDED);
		this.users.delete(user.getId());
		assertThat(this.users.findById(user.getId())).isEmpty();
	}

	@Test
	void anEditAgainstAStaleVersionIsRefused() {
		User user = this.users.create(new NewUser("editor", "editor@example.com", "h", Role.USER));
		long original = user.getVersion();

		User edited = this.users.update(user.getId(), original, new AccountChanges("new@example.com", null));
		assertThat(edited.getVersion()).isGreaterThan(original);

		assertThatExceptionOfType(StaleVersionException.class)
			.isThrownBy(() -> this.users.update(user.getId(), original, new AccountChanges("other@example.com", null)));
		assertThatExceptionOfType(StaleVersionException.class)
			.isThrownBy(() -> this.users.update(user.getId(), original, new AccountChanges(null, null)));
		assertThat(this.users.get(user.getId()).getEmail()).isEqualTo("new@example.com");
	}

	/** 20 wrong passwords at the same instant: every one counts, none is lost. */
	@Test
	void concurrentFailedLoginsAreAllCounted() throws Exception {
		User user = this.users.create(new NewUser("target", "target@example.com", "h", Role.USER));
		int threads = 20;
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			attempts.add(() -> {
				start.await(10, TimeUnit.SECONDS);
				return this.users.recordFailedLogin(user.getId());
			});
		}

		List<Object> outcomes = UserUniquenessTest.runConcurrently(attempts);

		assertThat(outcomes).as("each call's returned count")
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(Integer.class));
		assertThat(outcomes).as("each caller sees its own increment")
			.containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, threads).boxed().toList());
		assertThat(this.db.jdbc()
			.queryForObject("SELECT failed_logins FROM users WHERE id = ?", Integer.class, user.getId()))
			.isEqualTo(threads);
		assertThat(this.users.get(user.getId()).getFailedLogins()).isEqualTo(threads);

		this.users.recordSuccessfulLogin(user.getId(), user.getRole(), user.getPasswordHash());
		assertThat(this.users.get(user.getId()).getFailedLogins()).isZero();
	}

}
