package org.roster.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.mail.Outbox;
import org.roster.user.DuplicateUserException;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts an admin creates (the console's "Add user", {@code ./manage users invite}):
 * nobody chooses or sees a password for them. The account gets the hash of 32 random
 * bytes that nobody keeps, so no password signs in to it, and an invitation mail whose
 * link ({@code roster.mail.invite-ttl}, 7 days) opens the form where its owner chooses
 * the first password. Until then the account is {@code invited}.
 */
@Service
public class Invitations {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final UserService users;

	private final AccountService accounts;

	private final PasswordEncoder encoder;

	private final Outbox outbox;

	private final ActivityLog activity;

	Invitations(UserService users, AccountService accounts, PasswordEncoder encoder, Outbox outbox,
			ActivityLog activity) {
		this.activity = activity;
		this.users = users;
		this.accounts = accounts;
		this.encoder = encoder;
		this.outbox = outbox;
	}

	/**
	 * Creates the invited account and queues its invitation, in one transaction (a
	 * refused account sends nothing). The mail is written in {@code language};
	 * {@code invitedBy} (an admin's username, or null) is named in it.
	 * @throws InvalidAccountException for a malformed username or email
	 * @throws DuplicateUserException when another account has the username or email
	 */
	@Transactional
	public User invite(String username, String email, Role role, Locale language, @Nullable String invitedBy) {
		Map<String, String> errors = this.accounts.formatErrors(username, email);
		if (!errors.isEmpty()) {
			throw new InvalidAccountException(errors);
		}
		User user = this.users
			.create(new NewUser(username.strip(), email.strip(), unusablePasswordHash(), role, false, true, language));
		this.outbox.enqueue(AccountMail.invitation(user, invitedBy));
		this.activity.record(Action.INVITATION).target(user).detail("role", role.name()).save();
		return user;
	}

	/**
	 * Sends the invitation again; the new link voids the older one once it goes out.
	 * @throws NotInvitedException when the user has already chosen a password
	 */
	@Transactional
	public User resend(long userId, @Nullable String invitedBy) {
		User user = this.users.get(userId);
		if (!user.isInvited()) {
			throw new NotInvitedException(userId);
		}
		this.outbox.enqueue(AccountMail.invitation(user, invitedBy));
		this.activity.record(Action.INVITATION).target(user).detail("resent", true).save();
		return user;
	}

	private String unusablePasswordHash() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return this.encoder.encode(Base64.getEncoder().encodeToString(secret));
	}

	/** The account is not (or no longer) waiting for its invitation to be accepted. */
	public static class NotInvitedException extends RuntimeException {

		NotInvitedException(long userId) {
			super("User " + userId + " has already chosen a password");
		}

	}

}
