package org.roster.account;

import org.springframework.security.access.AccessDeniedException;

/**
 * A change only the user's own signed-in session may make (the account email, deleting
 * the account), asked for with an API token: 403. The message is a bundle key naming the
 * change.
 */
public class SessionRequiredException extends AccessDeniedException {

	SessionRequiredException(String messageKey) {
		super(messageKey);
	}

}
