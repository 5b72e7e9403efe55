package org.roster.account;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.user.UserService;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** On a fresh install, says once at start-up how to create the first admin. */
@Component
@ConditionalOnWebApplication
class FirstAdminHint {

	private static final Log logger = LogFactory.getLog(FirstAdminHint.class);

	private final UserService users;

	FirstAdminHint(UserService users) {
		this.users = users;
	}

	@EventListener(ApplicationReadyEvent.class)
	void hintWhenNoAdmin() {
		if (!this.users.anyAdmin()) {
			logger.warn("No admin account yet: create one with './manage db create_admin'.");
		}
	}

}
