package org.roster.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.mail.LinkPurpose;
import org.roster.mail.OutgoingMail;
import org.roster.user.User;

/**
 * The notices that a passkey was added, renamed or removed, and the messages about an
 * account's password, each in the owner's language: the reset link, the invitation (a
 * link to choose the first password) and the notice that the password was changed. Both
 * links open {@code /reset-password}.
 */
final class AccountMail {

	static final String PASSWORD_PAGE = "/reset-password";

	private AccountMail() {
	}

	static OutgoingMail reset(User user) {
		return OutgoingMail.withLink("password-reset", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername()), LinkPurpose.RESET, PASSWORD_PAGE);
	}

	/** {@code invitedBy}: the admin's username, or null from the command line. */
	static OutgoingMail invitation(User user, @Nullable String invitedBy) {
		return OutgoingMail.withLink("invitation", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername(), "inviter", (invitedBy != null) ? invitedBy : ""),
				LinkPurpose.INVITE, PASSWORD_PAGE);
	}

	static OutgoingMail passwordChanged(User user) {
		return OutgoingMail.notice("password-changed", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername()));
	}

	static OutgoingMail passkeyAdded(User user, String label) {
		return OutgoingMail.notice("passkey-added", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername(), "label", label));
	}

	static OutgoingMail passkeyRenamed(User user, String oldLabel, String label) {
		return OutgoingMail.notice("passkey-renamed", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername(), "oldLabel", oldLabel, "label", label));
	}

	static OutgoingMail passkeyRemoved(User user, String label) {
		return OutgoingMail.notice("passkey-removed", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername(), "label", label));
	}

}
