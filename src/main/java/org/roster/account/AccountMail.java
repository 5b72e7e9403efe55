package org.roster.account;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.mail.LinkPurpose;
import org.roster.mail.OutgoingMail;
import org.roster.user.User;

/**
 * The messages about an account's password, each in the owner's language: the reset link,
 * the invitation (a link to choose the first password) and the notice that the password
 * was changed. Both links open {@code /reset-password}.
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

}
