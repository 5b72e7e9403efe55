package org.roster.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.jspecify.annotations.Nullable;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface UserRepository extends JpaRepository<User, Long> {

	Optional<User> findByUsernameKey(String usernameKey);

	Optional<User> findByEmail(String email);

	Optional<User> findByPublicId(String publicId);

	@Query("select count(u) > 0 from User u where u.email = :email and (:excludeId is null or u.id <> :excludeId)")
	boolean existsByEmailExcluding(@Param("email") String email, @Param("excludeId") @Nullable Long excludeId);

	boolean existsByRole(Role role);

	/**
	 * Locks the active admins' rows so two concurrent demotions cannot both pass the
	 * last-admin check.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.role = org.roster.user.Role.ADMIN and u.status = org.roster.user.UserStatus.ACTIVE")
	List<User> lockActiveAdmins();

	/** The user's row, locked until the end of the transaction. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from User u where u.id = :id")
	Optional<User> lockById(@Param("id") long id);

	/** Atomic in SQL: concurrent failures on several nodes all count. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.failedLogins = u.failedLogins + 1 where u.id = :id")
	int incrementFailedLogins(@Param("id") long id);

	@Query("select u.failedLogins from User u where u.id = :id")
	int failedLogins(@Param("id") long id);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.lockedUntil = :until where u.id = :id")
	int lockUntil(@Param("id") long id, @Param("until") Instant until);

	/**
	 * Records a sign-in only if the account still is what the sign-in checked: active,
	 * with the same role and password. PostgreSQL re-checks the condition after waiting
	 * for a concurrent change's row lock, so a change and a sign-in cannot both win.
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.failedLogins = 0, u.lockedUntil = null, u.lastLoginAt = :now where u.id = :id"
			+ " and u.status = org.roster.user.UserStatus.ACTIVE and u.role = :role and u.passwordHash = :hash")
	int recordSuccessfulLogin(@Param("id") long id, @Param("role") Role role, @Param("hash") String hash,
			@Param("now") Instant now);

	/**
	 * Records a sign-in through another account only if the account is still active, with
	 * the role the sign-in saw (the password's counters are the password's: untouched).
	 */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.lastLoginAt = :now where u.id = :id"
			+ " and u.status = org.roster.user.UserStatus.ACTIVE and u.role = :role")
	int recordExternalSignIn(@Param("id") long id, @Param("role") Role role, @Param("now") Instant now);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.failedLogins = 0, u.lockedUntil = null where u.id = :id")
	int clearLock(@Param("id") long id);

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.passwordHash = :hash where u.id = :id")
	int updatePasswordHash(@Param("id") long id, @Param("hash") String hash);

	/** Replaces the hash only if it is still the one that was checked. */
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update User u set u.passwordHash = :hash where u.id = :id and u.passwordHash = :checked")
	int replacePasswordHash(@Param("id") long id, @Param("checked") String checked, @Param("hash") String hash);

}
