package org.roster.activity;

/**
 * What an event records. The codes are stored and exported, so they never change; the
 * page shows them through {@code activity.action.<code>}. Security events are the ones a
 * user sees on their own profile.
 */
public enum Action {

	SIGN_IN("sign-in", true),

	/**
	 * The current password that confirms a change (a wrong one counts toward the lock).
	 */
	PASSWORD_CONFIRMATION("password-confirmation", true),

	LOCKOUT("lockout", true),

	UNLOCK("unlock", true),

	REGISTRATION("registration", false),

	INVITATION("invitation", false),

	/** Made by an operator (the command line) or an import, not by the user. */
	ACCOUNT_CREATED("account-created", false),

	EMAIL_VERIFIED("email-verified", true),

	PROFILE_CHANGE("profile-change", false),

	EMAIL_CHANGE("email-change", true),

	PASSWORD_CHANGE("password-change", true),

	PASSWORD_RESET("password-reset", true),

	ROLE_CHANGE("role-change", true),

	STATUS_CHANGE("status-change", true),

	ADMIN_EDIT("admin-edit", true),

	AVATAR_CHANGE("avatar-change", false),

	AVATAR_REMOVAL("avatar-removal", false),

	DELETION("deletion", true),

	/** Sessions signed out from "Where you're signed in" (by the user or an admin). */
	SESSION_ENDED("session-ended", true),

	EXTERNAL_LINK("external-link", true),

	EXTERNAL_UNLINK("external-unlink", true),

	TOKEN_CREATED("token-created", true),

	TOKEN_REVOKED("token-revoked", true),

	APPLICATION_REVOKED("application-revoked", true),

	/** An authenticator app set up (with new recovery codes). */
	SECOND_FACTOR_ADDED("second-factor-added", true),

	/** The authenticator app and recovery codes removed, by the user or an admin. */
	SECOND_FACTOR_REMOVED("second-factor-removed", true),

	RECOVERY_CODES_RENEWED("recovery-codes-renewed", true),

	PASSKEY_ADDED("passkey-added", true),

	PASSKEY_RENAMED("passkey-renamed", true),

	PASSKEY_REMOVED("passkey-removed", true),

	/**
	 * A recovery code in place of an authenticator code at sign-in (how many are left).
	 */
	RECOVERY_CODE_USED("recovery-code-used", true);

	private final String code;

	private final boolean security;

	Action(String code, boolean security) {
		this.code = code;
		this.security = security;
	}

	public String code() {
		return this.code;
	}

	public boolean isSecurity() {
		return this.security;
	}

	/** The action with this code, or null. */
	public static @org.jspecify.annotations.Nullable Action ofCode(String code) {
		for (Action action : values()) {
			if (action.code.equals(code)) {
				return action;
			}
		}
		return null;
	}

}
