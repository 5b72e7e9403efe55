package org.roster.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.mail.Outbox;
import org.roster.mail.OutgoingMail;
import org.roster.user.User;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user's second factors: the authenticator app and its recovery codes. Every change
 * (set up, removed by the user or an admin, new recovery codes) mails the user a notice
 * in the change's transaction. The sign-in asks for a code when
 * {@link #hasSecondFactor(long)} says so.
 */
@Service
public class SecondFactors {

	/** The authority of a sign-in completed with an authenticator code. */
	public static final String TOTP_AUTHORITY = "FACTOR_TOTP";

	/** The authority of a sign-in completed with a recovery code. */
	public static final String RECOVERY_CODE_AUTHORITY = "FACTOR_RECOVERY_CODE";

	static final String MAIL_TEMPLATE = "second-factors";

	private final Authenticators authenticators;

	private final RecoveryCodes recoveryCodes;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final SecurityProperties.Mfa policy;

	private final ActivityLog activity;

	private final Passkeys passkeys;

	SecondFactors(Authenticators authenticators, RecoveryCodes recoveryCodes, Passkeys passkeys, Outbox outbox,
			TransactionTemplate transactions, SecurityProperties properties, ActivityLog activity) {
		this.activity = activity;
		this.authenticators = authenticators;
		this.passkeys = passkeys;
		this.recoveryCodes = recoveryCodes;
		this.outbox = outbox;
		this.transactions = transactions;
		this.policy = properties.mfa();
	}

	/**
	 * Whether signing in as this user needs a second factor after the first. The one
	 * place that says what counts as a second factor (an authenticator app; passkeys
	 * extend it).
	 */
	public boolean hasSecondFactor(long userId) {
		return this.authenticators.since(userId).isPresent();
	}

	/** What the user has, for the admin console. */
	public Summary of(long userId) {
		Instant since = this.authenticators.since(userId).orElse(null);
		return new Summary(since != null, since, this.recoveryCodes.remaining(userId));
	}

	/**
	 * An admin's removal of the user's authenticator, recovery codes and passkeys (lost
	 * devices and no codes); the user is told by mail. A password reset never does this.
	 * @return whether the user had anything to remove
	 */
	public boolean removeAll(User user) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			boolean removed = this.authenticators.remove(user.getId());
			boolean hadCodes = this.recoveryCodes.remaining(user.getId()) > 0;
			this.recoveryCodes.remove(user.getId());
			// Passkeys too: the admin's way back in for a user who lost every device.
			boolean hadPasskeys = this.passkeys.hasAny(user.getId());
			this.passkeys.removeAll(user.getId());
			if (removed || hadCodes || hadPasskeys) {
				this.outbox.enqueue(notice(user, Change.REMOVED_BY_ADMIN));
				this.activity.record(Action.SECOND_FACTOR_REMOVED).target(user).save();
				return true;
			}
			return false;
		}));
	}

	/** What the sign-in should do after the first factor. */
	SecondStep secondStep(User user) {
		if (hasSecondFactor(user.getId())) {
			return SecondStep.CODE;
		}
		return (this.policy.requiredForAdmins() && user.isAdmin()) ? SecondStep.SET_UP : SecondStep.NONE;
	}

	/**
	 * The factor {@code input} proves (an authenticator code, else a recovery code), used
	 * up; null when it is neither.
	 */
	@Nullable String verify(long userId, String input) {
		if (TotpCodes.looksLikeCode(input)) {
			return this.authenticators.use(userId, input) ? TOTP_AUTHORITY : null;
		}
		if (!this.recoveryCodes.use(userId, input)) {
			return null;
		}
		this.activity.record(Action.RECOVERY_CODE_USED)
			.targetId(userId)
			.detail("left", this.recoveryCodes.remaining(userId))
			.save();
		return RECOVERY_CODE_AUTHORITY;
	}

	/**
	 * Stores the authenticator (its confirming step used up) and new recovery codes,
	 * returned this once; null if the user has an authenticator already.
	 */
	@Nullable List<String> addAuthenticator(User user, String base32Secret, long confirmedStep) {
		return this.transactions.execute((status) -> {
			if (!this.authenticators.add(user.getId(), base32Secret, confirmedStep)) {
				return null;
			}
			List<String> codes = this.recoveryCodes.replace(user.getId());
			this.outbox.enqueue(notice(user, Change.ADDED));
			this.activity.record(Action.SECOND_FACTOR_ADDED).target(user).save();
			return codes;
		});
	}

	/** The user's own removal: the authenticator and its recovery codes. */
	boolean removeOwn(User user) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			boolean removed = this.authenticators.remove(user.getId());
			this.recoveryCodes.remove(user.getId());
			if (removed) {
				this.outbox.enqueue(notice(user, Change.REMOVED));
				this.activity.record(Action.SECOND_FACTOR_REMOVED).target(user).save();
			}
			return removed;
		}));
	}

	/** New recovery codes, voiding the old ones; null without an authenticator. */
	@Nullable List<String> newRecoveryCodes(User user) {
		return this.transactions.execute((status) -> {
			if (!hasSecondFactor(user.getId())) {
				return null;
			}
			List<String> codes = this.recoveryCodes.replace(user.getId());
			this.outbox.enqueue(notice(user, Change.NEW_RECOVERY_CODES));
			this.activity.record(Action.RECOVERY_CODES_RENEWED).target(user).save();
			return codes;
		});
	}

	private static OutgoingMail notice(User user, Change change) {
		return OutgoingMail.notice(MAIL_TEMPLATE, user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername(), "change", change.key));
	}

	/**
	 * What a user has: an authenticator app (since when) and how many recovery codes are
	 * left unused.
	 */
	public record Summary(boolean authenticator, @Nullable Instant authenticatorSince, int recoveryCodesLeft) {
	}

	enum SecondStep {

		NONE, CODE, SET_UP

	}

	/** The changes the notice mail tells of; the key picks its sentence. */
	private enum Change {

		ADDED("added"), REMOVED("removed"), NEW_RECOVERY_CODES("recovery-codes"), REMOVED_BY_ADMIN("removed-by-admin");

		private final String key;

		Change(String key) {
			this.key = key;
		}

	}

}
