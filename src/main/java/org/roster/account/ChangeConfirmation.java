package org.roster.account;

import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.roster.user.User;
import org.roster.web.Messages;

import org.springframework.stereotype.Component;

/**
 * A change to how an account signs in (its passkeys) needs a recent sign-in
 * ({@link RecentSignIn}) or the current password, checked like a sign-in (wrong ones
 * count toward the lockout); a right one makes the session's proof recent again.
 */
@Component
class ChangeConfirmation {

	private final RecentSignIn recentSignIn;

	private final AccountService accounts;

	private final Messages messages;

	ChangeConfirmation(RecentSignIn recentSignIn, AccountService accounts, Messages messages) {
		this.recentSignIn = recentSignIn;
		this.accounts = accounts;
		this.messages = messages;
	}

	boolean isFresh(HttpSession session) {
		return this.recentSignIn.isFresh(session);
	}

	/** What is wrong with the confirmation, in the request's language; empty if none. */
	Optional<String> problem(User user, HttpSession session, String password) {
		if (this.recentSignIn.isFresh(session)) {
			return Optional.empty();
		}
		if (!user.hasPassword()) {
			return Optional.of(this.messages.get("passkey.confirm.signInAgain"));
		}
		if (password == null || password.isEmpty()) {
			return Optional.of(this.messages.get("passkey.confirm.required"));
		}
		Optional<String> problem = this.accounts.currentPasswordProblem(user, password);
		if (problem.isEmpty()) {
			this.recentSignIn.record(session);
		}
		return problem;
	}

}
