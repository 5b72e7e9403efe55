package org.roster.account;

import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.user.UserService;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a sign-in whose session is stored ({@link SignInConfirmation}): the account's
 * conditioned update and the activity log's event, in one transaction.
 */
@Component
class SignInRecords {

	private final UserService users;

	private final ActivityLog activity;

	private final TransactionTemplate transactions;

	SignInRecords(UserService users, ActivityLog activity, TransactionTemplate transactions) {
		this.users = users;
		this.activity = activity;
		this.transactions = transactions;
	}

	/** False if the account changed since the sign-in checked it (nothing recorded). */
	boolean record(RecordedSignIn signIn) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!signIn.record(this.users)) {
				return false;
			}
			RosterPrincipal principal = signIn.principal();
			this.activity.record(Action.SIGN_IN)
				.target(principal.id(), principal.username())
				.byTarget()
				.detail("method", signIn.method())
				.save();
			return true;
		}));
	}

}
