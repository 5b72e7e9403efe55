package org.roster.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user deleting their own account (the self path of {@code DELETE /delete_user}, whose
 * route stays with the admin's, since one route serves both): only with the current
 * password, checked like a sign-in so wrong ones count toward the lockout. An admin too
 * must confirm, from the profile page: the list's delete button sends no password.
 * Profile and avatar go with the user (domain events); the user's sessions end at once.
 */
@Service
public class OwnAccountDeletion {

	private final UserService users;

	private final AccountService accounts;

	private final SessionRevoker sessions;

	private final ActivityLog activity;

	OwnAccountDeletion(UserService users, AccountService accounts, SessionRevoker sessions, ActivityLog activity) {
		this.activity = activity;
		this.users = users;
		this.accounts = accounts;
		this.sessions = sessions;
	}

	/**
	 * Deletes the signed-in user's account; throws {@link Refused} without a password and
	 * {@link WrongPassword} with a wrong one. An account whose owner has no password
	 * (made through another account's sign-in) confirms with its username instead.
	 */
	@Transactional
	public void delete(RosterPrincipal self, @Nullable String password, @Nullable String username) {
		// Before the password check: a token must not become a way to guess the password.
		CurrentUser.requireSession("problem.token-refused.delete");
		User user = this.users.get(self.id());
		if (!user.hasPassword()) {
			if (username == null || !username.strip().equalsIgnoreCase(user.getUsername())) {
				throw new Refused("problem.own-account.confirmDeleteUsername");
			}
		}
		else if (password == null || password.isEmpty()) {
			// Message keys: the problem's detail follows the request's language.
			throw new Refused(self.isAdmin() ? "problem.own-account.delete" : "problem.own-account.confirmDelete");
		}
		else {
			this.accounts.currentPasswordProblem(user, password).ifPresent((problem) -> {
				throw new WrongPassword(problem);
			});
		}
		this.activity.record(Action.DELETION).target(user).detail("email", user.getEmail()).save();
		this.users.delete(user.getId());
		this.sessions.revokeAll(user);
	}

	/** A self-deletion without the password that confirms it (409). */
	public static class Refused extends RuntimeException {

		Refused(String message) {
			super(message);
		}

	}

	/** A self-deletion whose password is wrong or whose account is locked (400). */
	public static class WrongPassword extends RuntimeException {

		private final Map<String, String> errors;

		WrongPassword(String problem) {
			super("problem.validation.detail");
			this.errors = Map.of("password", problem);
		}

		public Map<String, String> errors() {
			return this.errors;
		}

	}

}
