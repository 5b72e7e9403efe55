package org.roster.account;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.user.DuplicateUserException;
import org.roster.user.EmailAddress;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Messages;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates accounts and checks passwords: registration from the web and
 * {@code create_admin} from the CLI share the account rules, and every check of a
 * password (the sign-in, and the current password that a password change or a
 * self-deletion asks for) counts toward the same lockout here.
 */
@Service
public class AccountService {

	/** 3 to 32 of the allowed characters, at least one of them a letter or digit. */
	private static final Pattern USERNAME = Pattern.compile("(?=.*[A-Za-z0-9])[A-Za-z0-9._-]{3,32}");

	private final UserService users;

	private final PasswordPolicy passwordPolicy;

	private final PasswordEncoder passwordEncoder;

	private final SecurityProperties.Lockout lockout;

	private final Messages messages;

	/**
	 * Hash of a random string, verified when there is no user, to spend the same time.
	 */
	private final String dummyHash;

	private final EmailVerification verification;

	private final TransactionTemplate transactions;

	private final TransactionTemplate ownTransactions;

	private final AccountMetrics metrics;

	private final ActivityLog activity;

	AccountService(UserService users, PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder,
			SecurityProperties properties, Messages messages, EmailVerification verification,
			TransactionTemplate transactions, AccountMetrics metrics, ActivityLog activity) {
		this.users = users;
		this.activity = activity;
		this.metrics = metrics;
		this.verification = verification;
		this.transactions = transactions;
		this.ownTransactions = new TransactionTemplate(transactions.getTransactionManager());
		this.ownTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.passwordPolicy = passwordPolicy;
		this.passwordEncoder = passwordEncoder;
		this.lockout = properties.lockout();
		this.messages = messages;
		this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
	}

	/**
	 * Checks and creates an account with the given role, as the operator does at the
	 * shell ({@code create_admin}): the operator typed the address, so it counts as
	 * confirmed (and the first admin can sign in when verification is required). Throws
	 * {@link InvalidAccountException} with one message per field, or
	 * {@link DuplicateUserException}.
	 */
	public User create(String username, String email, String password, Role role) {
		String hash = checkedHash(username, email, password);
		return this.transactions.execute((status) -> {
			User user = this.users.create(new NewUser(username.strip(), email.strip(), hash, role, true, false, null));
			this.activity.record(Action.ACCOUNT_CREATED).target(user).detail("role", role.name()).save();
			return user;
		});
	}

	/**
	 * Registration from the web: a {@code USER} in the language of the registration page,
	 * and, in the same transaction, the mail that asks to confirm the address (unless
	 * verification is off). Throws like {@link #create}.
	 */
	public User register(String username, String email, String password, Locale language) {
		String hash = checkedHash(username, email, password);
		Locale mailLanguage = Locale.forLanguageTag(language.getLanguage());
		User registered = this.transactions.execute((status) -> {
			User user = this.users
				.create(new NewUser(username.strip(), email.strip(), hash, Role.USER, false, false, mailLanguage));
			this.verification.registered(user);
			this.activity.record(Action.REGISTRATION).target(user).byTarget().save();
			return user;
		});
		this.metrics.registered();
		return registered;
	}

	/** The password's hash, computed before any transaction: hashing is slow. */
	private String checkedHash(String username, String email, String password) {
		Map<String, String> errors = validate(username, email, password);
		if (!errors.isEmpty()) {
			throw new InvalidAccountException(errors);
		}
		return this.passwordEncoder.encode(password);
	}

	/**
	 * Field errors for a new account, before any database access except duplicate checks.
	 */
	public Map<String, String> validate(String username, String email, String password) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (username == null || !USERNAME.matcher(username.strip()).matches()) {
			errors.put("username", this.messages.get("account.username.invalid"));
		}
		else if (this.users.usernameTaken(username.strip())) {
			errors.put("username", this.messages.get("account.username.taken"));
		}
		if (!EmailAddress.isValid(email)) {
			errors.put("email", this.messages.get("account.email.invalid"));
		}
		else if (this.users.emailTaken(email, null)) {
			errors.put("email", this.messages.get("account.email.taken"));
		}
		this.passwordPolicy.check(password, username, email).ifPresent((problem) -> errors.put("password", problem));
		return errors;
	}

	/**
	 * Format errors of a new account's username and email, without looking at the
	 * database: an invitation leaves uniqueness to the insert, whose conflict names the
	 * field ({@link DuplicateUserException}).
	 */
	public Map<String, String> formatErrors(String username, String email) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (username == null || !USERNAME.matcher(username.strip()).matches()) {
			errors.put("username", this.messages.get("account.username.invalid"));
		}
		if (!EmailAddress.isValid(email)) {
			errors.put("email", this.messages.get("account.email.invalid"));
		}
		return errors;
	}

	/**
	 * Checks a password of the user: a wrong one counts as a failed sign-in (atomically,
	 * on every node) and locks the account after {@code max-failures}; a right one during
	 * a lock is refused as {@link PasswordCheck#LOCKED}. Exactly one hash is verified
	 * either way, also for a missing user or an over-long password, so timing tells
	 * nothing.
	 */
	public PasswordCheck checkPassword(User user, String password) {
		return check(user, password, Action.SIGN_IN);
	}

	private PasswordCheck check(User user, String password, Action action) {
		if (user == null || password == null || password.length() > PasswordPolicy.MAX_LENGTH) {
			this.passwordEncoder.matches(String.valueOf(password), this.dummyHash);
			if (user != null) {
				recordFailure(user, action, "wrong-password");
			}
			else {
				this.activity.record(action).failure("unknown-account").save();
			}
			return PasswordCheck.WRONG;
		}
		if (!this.passwordEncoder.matches(password, user.getPasswordHash())) {
			recordFailure(user, action, "wrong-password");
			return PasswordCheck.WRONG;
		}
		return user.isLockedAt(Instant.now()) ? PasswordCheck.LOCKED : PasswordCheck.RIGHT;
	}

	/**
	 * Checks the current password that a signed-in user confirms a change with (the same
	 * counting and lockout as a sign-in); empty when it is right, else the message for
	 * the field. The user may learn about their own lock.
	 */
	public Optional<String> currentPasswordProblem(User user, String password) {
		return switch (check(user, password, Action.PASSWORD_CONFIRMATION)) {
			case RIGHT -> Optional.empty();
			case LOCKED -> Optional.of(this.messages.get("account.password.locked"));
			case WRONG -> Optional.of(this.messages.get("account.password.wrong"));
		};
	}

	/**
	 * A wrong second-factor code at sign-in counts like a wrong password: the same
	 * counter, the same lock (and the same events).
	 */
	void recordWrongCode(User user) {
		recordFailure(user, Action.SIGN_IN, "wrong-code");
	}

	/**
	 * The failure, the lock it may cause and their events: one transaction of its own, so
	 * a failure counts even when the caller's transaction rolls back (a self-deletion
	 * refused for a wrong password).
	 */
	private void recordFailure(User user, Action action, String reason) {
		boolean wasLocked = user.isLockedAt(Instant.now());
		boolean locked = Boolean.TRUE.equals(this.ownTransactions.execute((status) -> {
			int failures = this.users.recordFailedLogin(user.getId());
			this.activity.record(action).target(user).failure(reason).save();
			if (failures < this.lockout.maxFailures()) {
				return false;
			}
			Instant until = Instant.now().plus(lockDuration(failures));
			this.users.lockUntil(user.getId(), until);
			if (!wasLocked) {
				this.activity.record(Action.LOCKOUT).target(user).detail("until", until.toString()).save();
			}
			return true;
		}));
		if (locked && !wasLocked) {
			this.metrics.locked();
		}
	}

	/**
	 * The first lock lasts {@code initial-lock}; each further failure doubles it, up to
	 * {@code max-lock}.
	 */
	Duration lockDuration(int failures) {
		int doublings = Math.min(failures - this.lockout.maxFailures(), 30);
		Duration lock = this.lockout.initialLock().multipliedBy(1L << doublings);
		return (lock.compareTo(this.lockout.maxLock()) > 0) ? this.lockout.maxLock() : lock;
	}

	/** What a password check found. */
	public enum PasswordCheck {

		RIGHT, WRONG, LOCKED

	}

}
