package org.roster.user;

import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The per-role, status and verified-address counters behind the admin list's total stay
 * equal to a real count whatever changes the users: the service, plain SQL, bulk
 * statements, rollbacks.
 */
@DatabaseTest
class UserCountsTest {

	@Autowired
	UserService users;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	TestDatabase db;

	@BeforeEach
	void emptyTables() {
		this.db = new TestDatabase(this.dataSource);
		this.db.deleteAllUsers();
	}

	@Test
	void followCreationsStatusAndRoleChangesAndDeletions() {
		User ann = this.users.create(new NewUser("ann", "ann@example.com", "hash", Role.ADMIN));
		User bob = this.users.create(new NewUser("bob", "bob@example.com", "hash", Role.USER));
		User cid = this.users.create(new NewUser("cid", "cid@example.com", "hash", Role.USER));
		assertThat(counters()).isEqualTo(Map.of("ADMIN/ACTIVE/false", 1L, "USER/ACTIVE/false", 2L))
			.isEqualTo(realCounts());

		this.users.changeStatus(bob.getId(), UserStatus.SUSPENDED);
		this.users.update(cid.getId(), cid.getVersion(), new AccountChanges(null, Role.ADMIN));
		assertThat(counters()).isEqualTo(Map.of("ADMIN/ACTIVE/false", 2L, "USER/SUSPENDED/false", 1L))
			.isEqualTo(realCounts());

		this.users.markEmailVerified(cid.getId());
		assertThat(counters())
			.isEqualTo(Map.of("ADMIN/ACTIVE/false", 1L, "ADMIN/ACTIVE/true", 1L, "USER/SUSPENDED/false", 1L))
			.isEqualTo(realCounts());
		this.users.update(cid.getId(), this.users.get(cid.getId()).getVersion(),
				new AccountChanges("cid.new@example.com", null));
		assertThat(counters()).as("a new address is unverified")
			.isEqualTo(Map.of("ADMIN/ACTIVE/false", 2L, "USER/SUSPENDED/false", 1L))
			.isEqualTo(realCounts());

		this.users.delete(bob.getId());
		this.users.delete(ann.getId());
		assertThat(counters()).isEqualTo(Map.of("ADMIN/ACTIVE/false", 1L)).isEqualTo(realCounts());
	}

	@Test
	void updatesThatKeepRoleAndStatusLeaveTheCountersAlone() {
		User ann = this.users.create(new NewUser("ann", "ann@example.com", "hash", Role.USER));
		this.users.recordFailedLogin(ann.getId());
		this.users.recordSuccessfulLogin(ann.getId(), ann.getRole(), ann.getPasswordHash());
		this.db.jdbc().update("UPDATE users SET role = role, email = 'ann2@example.com'");
		assertThat(counters()).isEqualTo(Map.of("USER/ACTIVE/false", 1L)).isEqualTo(realCounts());
	}

	@Test
	void followBulkStatementsOutsideTheApplication() {
		for (int i = 0; i < 40; i++) {
			this.db.jdbc()
				.update("INSERT INTO users (username, username_key, email, password_hash, role, status, created_at, updated_at)"
						+ " VALUES (?, ?, ?, 'x', ?, 'ACTIVE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", "u" + i, "u" + i,
						"u" + i + "@example.com", (i % 4 == 0) ? "ADMIN" : "USER");
		}
		this.db.jdbc().update("UPDATE users SET status = 'SUSPENDED' WHERE role = 'USER' AND MOD(id, 2) = 0");
		this.db.jdbc().update("UPDATE users SET email_verified = TRUE WHERE MOD(id, 5) < 2");
		this.db.jdbc().update("DELETE FROM users WHERE role = 'ADMIN' AND MOD(id, 3) = 0");
		assertThat(counters()).isEqualTo(realCounts());
		assertThat(counters().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(this.db.count("users"));
	}

	@Test
	void aRolledBackCreationLeavesNoTrace() {
		this.users.create(new NewUser("ann", "ann@example.com", "hash", Role.USER));
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.users.create(new NewUser("bob", "bob@example.com", "hash", Role.USER));
			throw new IllegalStateException("rolled back");
		}));
		assertThat(counters()).isEqualTo(Map.of("USER/ACTIVE/false", 1L)).isEqualTo(realCounts());
	}

	private Map<String, Long> counters() {
		return rows("SELECT role, status, email_verified, n FROM user_counts WHERE n <> 0");
	}

	private Map<String, Long> realCounts() {
		return rows(
				"SELECT role, status, email_verified, COUNT(*) AS n FROM users GROUP BY role, status, email_verified");
	}

	private Map<String, Long> rows(String sql) {
		Map<String, Long> result = new TreeMap<>();
		this.db.jdbc().query(sql, (rs) -> {
			result.put(rs.getString("role") + "/" + rs.getString("status") + "/" + rs.getBoolean("email_verified"),
					rs.getLong("n"));
		});
		return result;
	}

}
