package org.roster.oidc;

import org.roster.account.AccessEndedEvent;
import org.roster.account.PasswordChangedEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When a user's access ends (suspension, deletion, role change, a password set through a
 * mailed link) or they change their password, so do the grants applications hold for
 * them: authorizations (every refresh and access token) and consents go in the same
 * transaction, on every node at once (they live in the database). Userinfo and
 * introspection refuse their access tokens from then on; a JWT access token an
 * application checks only by its signature ends within its 5 minutes.
 */
@Component
class GrantRevocation {

	private final Grants grants;

	GrantRevocation(Grants grants) {
		this.grants = grants;
	}

	@EventListener
	void onAccessEnded(AccessEndedEvent event) {
		this.grants.endForUser(event.username());
	}

	@EventListener
	void onPasswordChanged(PasswordChangedEvent event) {
		this.grants.endForUser(event.username());
	}

}
