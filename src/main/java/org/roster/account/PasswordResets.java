package org.roster.account;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailProperties;
import org.roster.mail.MailTokens;
import org.roster.mail.Outbox;
import org.roster.user.EmailAddress;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passwords set through a mailed link: the forgot-password request (a reset link, never
 * to a suspended account, at most {@code roster.mail.per-account-per-hour} link mails an
 * hour), an admin's "send a password-reset link", the link's form (reset or invitation),
 * and what choosing the password does: the token is used up in the same transaction, the
 * other reset and invitation links stop working, every session of the user ends and a
 * notice goes out. A password change on the profile page voids the reset links too.
 */
@Service
public class PasswordResets {

	private static final Log logger = LogFactory.getLog(PasswordResets.class);

	private static final Duration LIMIT_PERIOD = Duration.ofHours(1);

	private final UserService users;

	private final MailTokens tokens;

	private final Outbox outbox;

	private final MailProperties mail;

	private final SessionRevoker sessions;

	private final ApplicationEventPublisher events;

	private final ActivityLog activity;

	PasswordResets(UserService users, MailTokens tokens, Outbox outbox, MailProperties mail, SessionRevoker sessions,
			ApplicationEventPublisher events, ActivityLog activity) {
		this.activity = activity;
		this.events = events;
		this.users = users;
		this.tokens = tokens;
		this.outbox = outbox;
		this.mail = mail;
		this.sessions = sessions;
	}

	/**
	 * The forgot-password form: queues a reset link for the account with this username or
	 * email, if it exists, is active and is under the per-account limit. The caller
	 * learns nothing: the form's answer is the same in every case. The user's row is
	 * locked while the limit is checked, so concurrent requests cannot all pass it.
	 */
	@Transactional
	void request(String login) {
		// Longer than any username or address: no account, and no query.
		if (login.length() > EmailAddress.MAX_LENGTH) {
			return;
		}
		Optional<User> found = this.users.findByLogin(login);
		if (found.isEmpty() || !found.get().isActive()) {
			return;
		}
		User user = this.users.lock(found.get().getId());
		if (!user.isActive()) {
			return;
		}
		int recent = this.outbox.linkMailsSince(user.getId(), LIMIT_PERIOD, LinkPurpose.RESET, LinkPurpose.VERIFY);
		if (recent >= this.mail.perAccountPerHour()) {
			logger.info("No password-reset mail for user " + user.getId() + ": " + recent
					+ " link mails in the last hour (roster.mail.per-account-per-hour)");
			return;
		}
		this.outbox.enqueue(AccountMail.reset(user));
	}

	/**
	 * An admin's "send a password-reset link" (to an invited account too: choosing the
	 * password accepts the invitation). Not limited per hour: an admin asks for it.
	 */
	@Transactional
	public User sendLink(long userId) {
		User user = this.users.get(userId);
		this.outbox.enqueue(AccountMail.reset(user));
		return user;
	}

	/**
	 * What a link's token opens, without using it up: a reset or an invitation of a user,
	 * or nothing ({@link MailTokens.State#SPENT}: used, voided or expired;
	 * {@link MailTokens.State#UNKNOWN}: never issued).
	 */
	@Transactional(readOnly = true)
	Link find(@Nullable String token) {
		MailTokens.State state = MailTokens.State.UNKNOWN;
		for (LinkPurpose purpose : new LinkPurpose[] { LinkPurpose.RESET, LinkPurpose.INVITE }) {
			MailTokens.Lookup lookup = this.tokens.find(token, purpose);
			if (lookup.state() == MailTokens.State.VALID && lookup.token() != null) {
				Optional<User> user = this.users.findById(lookup.token().userId());
				if (user.isPresent()) {
					return new Link(MailTokens.State.VALID, purpose, user.get());
				}
			}
			if (lookup.state() == MailTokens.State.SPENT) {
				state = MailTokens.State.SPENT;
			}
		}
		return new Link(state, null, null);
	}

	/**
	 * Sets the password chosen through the link if its token is still unused (empty if
	 * another request used it first): the token, the other reset and invitation links,
	 * the password, the cleared lock and the notice are one transaction; the user's
	 * sessions end once it has committed. A suspended account's link sets nothing and
	 * stays unused ({@link SuspendedAccountException}); the user's row is locked first,
	 * so a suspension committed meanwhile is seen.
	 */
	@Transactional
	Optional<User> complete(String token, LinkPurpose purpose, String passwordHash) {
		Optional<MailTokens.Token> used = this.tokens.consume(token, purpose);
		if (used.isEmpty()) {
			return Optional.empty();
		}
		if (!this.users.lock(used.get().userId()).isActive()) {
			// Rolls the consumed token back: the link works again if the account is
			// reinstated.
			throw new SuspendedAccountException(used.get().userId());
		}
		User user = this.users.setPasswordFromLink(used.get().userId(), passwordHash);
		this.activity.record(Action.PASSWORD_RESET)
			.target(user)
			.byTarget()
			.detail("link", (purpose == LinkPurpose.INVITE) ? "invitation" : "reset")
			.save();
		this.tokens.voidAll(user.getId(), LinkPurpose.RESET, LinkPurpose.INVITE);
		this.outbox.enqueue(AccountMail.passwordChanged(user));
		this.sessions.revokeAll(user);
		return Optional.of(user);
	}

	/**
	 * A password changed by its owner on the profile page: the reset links sent before
	 * stop working, the owner is told by mail, and {@link PasswordChangedEvent} goes out
	 * (the caller ends the other sessions after the commit).
	 */
	@Transactional
	void changePassword(User user, String passwordHash) {
		this.users.changePasswordHash(user.getId(), passwordHash);
		this.activity.record(Action.PASSWORD_CHANGE).target(user).save();
		this.tokens.voidAll(user.getId(), LinkPurpose.RESET);
		this.outbox.enqueue(AccountMail.passwordChanged(user));
		this.events.publishEvent(new PasswordChangedEvent(user.getId(), user.getUsername()));
	}

	/**
	 * What a link opens: {@code purpose} and {@code user} are set when {@code state} is
	 * {@link MailTokens.State#VALID}.
	 */
	record Link(MailTokens.State state, @Nullable LinkPurpose purpose, @Nullable User user) {

		boolean valid() {
			return this.state == MailTokens.State.VALID;
		}

		/** A valid link whose account has been suspended since: it sets nothing. */
		boolean suspended() {
			return valid() && this.user != null && !this.user.isActive();
		}

		boolean invitation() {
			return this.purpose == LinkPurpose.INVITE;
		}

	}

}
