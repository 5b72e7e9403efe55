package org.roster.account;

import java.util.Set;

import org.roster.user.User;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends a user's sessions on every node at once: sessions live in the shared database,
 * indexed by principal name, so deleting them there signs the user out everywhere.
 * Revocation happens after the change that causes it has committed: before that, a
 * sign-in could still read the old account and store a session the revocation missed (see
 * {@link SignInConfirmation} for the other half). Other credentials end through the
 * {@link AccessEndedEvent}.
 */
@Component
public class SessionRevoker {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final ApplicationEventPublisher events;

	SessionRevoker(FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events) {
		this.sessions = sessions;
		this.events = events;
	}

	/**
	 * Ends the user's access: every session once the current transaction has committed
	 * (nothing if it rolls back), or at once outside a transaction; and, through an
	 * {@link AccessEndedEvent} published now, whatever else lets the user in (the API
	 * tokens, deleted in this transaction).
	 */
	public void revokeAll(User user) {
		this.events.publishEvent(new AccessEndedEvent(user.getId(), user.getUsername()));
		String username = user.getUsername();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					revoke(username, null);
				}

			});
		}
		else {
			revoke(username, null);
		}
	}

	/**
	 * Ends every session of the user but {@code keepSessionId} (the one making the
	 * change) and returns how many ended. Call it after the change has committed.
	 */
	public int revokeAllExcept(String username, String keepSessionId) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Revoke sessions after the change has committed, not inside it");
		}
		return revoke(username, keepSessionId);
	}

	private int revoke(String username, String keepSessionId) {
		Set<String> ids = this.sessions.findByPrincipalName(username).keySet();
		int revoked = 0;
		for (String id : ids) {
			if (!id.equals(keepSessionId)) {
				this.sessions.deleteById(id);
				revoked++;
			}
		}
		return revoked;
	}

}
