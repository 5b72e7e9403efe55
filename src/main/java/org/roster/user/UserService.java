package org.roster.user;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The user feature's API: every account change goes through here so that emails are
 * normalised, uniqueness errors become {@link DuplicateUserException}, the profile
 * follows through domain events and the last active admin is never lost.
 */
@Service
public class UserService {

	private final UserRepository users;

	private final ApplicationEventPublisher events;

	UserService(UserRepository users, ApplicationEventPublisher events) {
		this.users = users;
		this.events = events;
	}

	/**
	 * Inserts the user and, through {@link UserCreatedEvent}, its profile, in one
	 * transaction. The database decides uniqueness, so two concurrent registrations of
	 * the same email cannot both succeed.
	 */
	@Transactional
	public User create(NewUser newUser) {
		User user = new User(newUser);
		try {
			this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			throw duplicateFrom(ex);
		}
		this.events.publishEvent(new UserCreatedEvent(user.getId(), user.getEmail()));
		return user;
	}

	@Transactional(readOnly = true)
	public Optional<User> findById(long id) {
		return this.users.findById(id);
	}

	/** Finds by the opaque id applications know a user by ({@code sub}). */
	@Transactional(readOnly = true)
	public Optional<User> findByPublicId(String publicId) {
		return this.users.findByPublicId(publicId);
	}

	@Transactional(readOnly = true)
	public User get(long id) {
		return this.users.findById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

	/**
	 * Reads the user and locks the row until the caller's transaction ends: what the
	 * caller decides about the account in that transaction (a per-account mail limit) is
	 * not raced by another request doing the same.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public User lock(long id) {
		return this.users.lockById(id).orElseThrow(() -> new UserNotFoundException(id));
	}

	/** Finds by username or email, both compared case-insensitively. */
	@Transactional(readOnly = true)
	public Optional<User> findByLogin(String login) {
		if (login == null || login.isBlank()) {
			return Optional.empty();
		}
		String key = login.strip().toLowerCase(Locale.ROOT);
		return key.contains("@") ? this.users.findByEmail(key) : this.users.findByUsernameKey(key);
	}

	@Transactional(readOnly = true)
	public boolean emailTaken(String email, @Nullable Long excludeId) {
		return this.users.existsByEmailExcluding(User.normaliseEmail(email), excludeId);
	}

	@Transactional(readOnly = true)
	public boolean usernameTaken(String username) {
		return this.users.findByUsernameKey(username.toLowerCase(Locale.ROOT)).isPresent();
	}

	@Transactional(readOnly = true)
	public boolean anyAdmin() {
		return this.users.existsByRole(Role.ADMIN);
	}

	/**
	 * Applies an edit made against {@code expectedVersion}; a stale version fails with
	 * {@link StaleVersionException}. Null values leave a field as it is.
	 */
	@Transactional
	public User update(long id, long expectedVersion, AccountChanges changes) {
		User user = get(id);
		if (user.getVersion() != expectedVersion) {
			throw new StaleVersionException();
		}
		if (changes.role() != null && changes.role() != user.getRole()) {
			if (changes.role() != Role.ADMIN) {
				ensureNotLastActiveAdmin(user);
			}
			user.setRole(changes.role());
		}
		if (changes.email() != null) {
			user.setEmail(changes.email());
		}
		// Every accepted edit bumps the version, profile-only ones too, so a concurrent
		// editor of the same user gets a conflict instead of silently overwriting.
		user.onUpdate();
		try {
			this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			throw duplicateFrom(ex);
		}
		return user;
	}

	@Transactional
	public User changeStatus(long id, UserStatus status) {
		User user = get(id);
		if (status == UserStatus.SUSPENDED && user.isActive()) {
			ensureNotLastActiveAdmin(user);
		}
		user.setStatus(status);
		if (status == UserStatus.ACTIVE) {
			user.clearLock();
		}
		this.users.saveAndFlush(user);
		return user;
	}

	@Transactional
	public void unlock(long id) {
		get(id);
		this.users.clearLock(id);
	}

	/** The owner confirmed the address through a link (or an admin vouches for it). */
	@Transactional
	public User markEmailVerified(long id) {
		User user = get(id);
		user.setEmailVerified(true);
		user.onUpdate();
		return this.users.saveAndFlush(user);
	}

	/**
	 * A new address confirmed by its owner through a link sent to it: verified at once.
	 * @throws DuplicateUserException if another account took the address meanwhile
	 */
	@Transactional
	public User changeToConfirmedEmail(long id, String email) {
		User user = get(id);
		user.setEmail(email);
		user.setEmailVerified(true);
		user.onUpdate();
		try {
			return this.users.saveAndFlush(user);
		}
		catch (DataIntegrityViolationException ex) {
			throw duplicateFrom(ex);
		}
	}

	/**
	 * A password chosen through a reset or invitation link: the mail proved the owner, so
	 * the failed-login count and any lock go, the invitation is accepted and the address
	 * counts as verified.
	 */
	@Transactional
	public User setPasswordFromLink(long id, String passwordHash) {
		User user = get(id);
		user.setPasswordHash(passwordHash);
		user.clearLock();
		user.setInvited(false);
		user.setEmailVerified(true);
		user.onUpdate();
		return this.users.saveAndFlush(user);
	}

	/** The language the user last used the site in: their mail is written in it. */
	@Transactional
	public void recordLanguage(long id, Locale language) {
		User user = get(id);
		if (!user.getLanguage().equals(language)) {
			user.setLanguage(language);
			this.users.saveAndFlush(user);
		}
	}

	@Transactional
	public void changePasswordHash(long id, String passwordHash) {
		get(id);
		this.users.updatePasswordHash(id, passwordHash);
	}

	/**
	 * Deletes the user; listeners of {@link UserDeletedEvent} remove what hangs off it
	 * first.
	 */
	@Transactional
	public void delete(long id) {
		User user = get(id);
		if (user.isAdmin() && user.isActive()) {
			ensureNotLastActiveAdmin(user);
		}
		this.events.publishEvent(new UserDeletedEvent(id, user.getUsername()));
		this.users.delete(user);
		this.users.flush();
	}

	/**
	 * Counts one more failed password and returns the new count (atomic, row-locked until
	 * commit). {@code account.AccountService} runs it in a transaction of its own, with
	 * the failure's event: a failure counts even when the caller's transaction rolls back
	 * (a self-deletion refused for a wrong password).
	 */
	@Transactional
	public int recordFailedLogin(long id) {
		this.users.incrementFailedLogins(id);
		return this.users.failedLogins(id);
	}

	@Transactional
	public void lockUntil(long id, Instant until) {
		this.users.lockUntil(id, until);
	}

	/**
	 * Records a sign-in (clears the failure counter and lock, sets the time) if the
	 * account is still active with the role and password hash the sign-in checked;
	 * {@code false} when it changed or was deleted meanwhile, and the sign-in must not
	 * stand.
	 */
	@Transactional
	public boolean recordSuccessfulLogin(long id, Role checkedRole, String checkedHash) {
		return this.users.recordSuccessfulLogin(id, checkedRole, checkedHash, Instant.now()) == 1;
	}

	/**
	 * Records a sign-in through another account (GitHub, an OpenID Connect issuer) unless
	 * the account was suspended or changed role since the sign-in read it.
	 * @return false if the sign-in must be ended
	 */
	@Transactional
	public boolean recordExternalSignIn(long id, Role checkedRole) {
		return this.users.recordExternalSignIn(id, checkedRole, Instant.now()) == 1;
	}

	/**
	 * Stores a stronger hash of the same password (encoding upgrade), unless the password
	 * was changed since {@code checkedHash} was verified.
	 */
	@Transactional
	public boolean upgradePasswordHash(long id, String checkedHash, String newHash) {
		return this.users.replacePasswordHash(id, checkedHash, newHash) == 1;
	}

	private void ensureNotLastActiveAdmin(User user) {
		if (!user.isAdmin() || !user.isActive()) {
			return;
		}
		boolean anotherActiveAdmin = this.users.lockActiveAdmins()
			.stream()
			.anyMatch((admin) -> !admin.getId().equals(user.getId()));
		if (!anotherActiveAdmin) {
			throw new LastActiveAdminException();
		}
	}

	private static RuntimeException duplicateFrom(DataIntegrityViolationException ex) {
		String message = String.valueOf(ex.getMostSpecificCause().getMessage()).toLowerCase(Locale.ROOT);
		if (message.contains("users_email_uq")) {
			return new DuplicateUserException("email");
		}
		if (message.contains("users_username_key_uq")) {
			return new DuplicateUserException("username");
		}
		return ex;
	}

}
