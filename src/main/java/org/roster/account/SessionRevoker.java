package org.roster.account;

import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ends a user's sessions on every node at once: sessions live in the shared database,
 * indexed by principal name, so deleting them there signs the user out everywhere.
 */
@Component
public class SessionRevoker {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	SessionRevoker(FindByIndexNameSessionRepository<? extends Session> sessions) {
		this.sessions = sessions;
	}

	/** Ends every session of the user. */
	public int revokeAll(String username) {
		return revokeAllExcept(username, null);
	}

	/**
	 * Ends every session of the user but {@code keepSessionId} (the one making the
	 * change).
	 */
	public int revokeAllExcept(String username, String keepSessionId) {
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
