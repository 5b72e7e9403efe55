package org.roster.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.account.RegistrationProperties.VerificationMode;
import org.roster.mail.LinkPurpose;
import org.roster.mail.MailProperties;
import org.roster.mail.MailTokens;
import org.roster.mail.Outbox;
import org.roster.mail.OutgoingMail;
import org.roster.user.DuplicateUserException;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Confirming addresses through mailed links: the link a new account gets (and gets again
 * on request), the link an address change waits for, and what opening them does.
 * {@code roster.registration.email-verification} says whether verification mail goes out
 * at all, and whether sign-in waits for it. Links are one-time tokens of
 * {@code mail.MailTokens}; each carries the address it confirms, so a link to an address
 * the account no longer has confirms nothing.
 */
@Service
public class EmailVerification {

	static final String VERIFY_PATH = "/verify-email";

	static final String CONFIRM_PATH = "/confirm-email";

	private static final Duration LIMIT_PERIOD = Duration.ofHours(1);

	private final UserService users;

	private final Outbox outbox;

	private final MailTokens tokens;

	private final int perAccountPerHour;

	private final VerificationMode mode;

	private final ActivityLog activity;

	EmailVerification(UserService users, Outbox outbox, MailTokens tokens, MailProperties mail,
			RegistrationProperties registration, ActivityLog activity) {
		this.activity = activity;
		this.users = users;
		this.outbox = outbox;
		this.tokens = tokens;
		this.perAccountPerHour = mail.perAccountPerHour();
		this.mode = registration.emailVerification();
	}

	VerificationMode mode() {
		return this.mode;
	}

	/** Whether verification mail goes out at all (not {@code off}). */
	public boolean isOn() {
		return this.mode != VerificationMode.OFF;
	}

	/** Whether sign-in waits until the address is confirmed. */
	boolean isRequired() {
		return this.mode == VerificationMode.REQUIRED;
	}

	/** A new account's first link, in the transaction that creates the account. */
	@Transactional(propagation = Propagation.MANDATORY)
	void registered(User user) {
		if (isOn()) {
			queueVerification(user);
		}
	}

	/**
	 * An admin gave the account another address, which is unconfirmed now: a link goes to
	 * it (unless verification is off), and a change the owner asked for earlier, still
	 * waiting for its confirmation, is void.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void addressSetByAdmin(User user) {
		this.tokens.voidAll(user.getId(), LinkPurpose.EMAIL);
		if (isOn()) {
			queueVerification(user);
		}
	}

	/**
	 * Whether an owner's change of their own address waits for a link to the new one;
	 * with verification off it applies at once (and stays unconfirmed).
	 */
	public boolean changesWaitForConfirmation() {
		return isOn();
	}

	/**
	 * The owner asked for {@code newEmail} (normalised, checked and free): the account
	 * keeps its address, and the new one gets a link that applies the change. In the
	 * request's language, the one the owner is reading.
	 * @throws MailLimitException when the account had its links for this hour
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void changeRequested(User user, String newEmail) {
		checkLimit(user.getId());
		this.outbox.enqueue(new OutgoingMail("confirm-email-change", newEmail, language(), user.getId(),
				Map.of("username", user.getUsername(), "email", newEmail),
				new OutgoingMail.Link(LinkPurpose.EMAIL, CONFIRM_PATH, newEmail)));
	}

	/**
	 * The address the user's own change waits on (its link not yet used, voided or
	 * expired), or null.
	 */
	@Transactional(readOnly = true)
	public @Nullable String pendingEmail(User user) {
		return this.tokens.pendingEmail(user.getId()).filter((email) -> !email.equals(user.getEmail())).orElse(null);
	}

	/**
	 * "Send the link again": a new link to the account's address, which voids the older
	 * ones once it is sent.
	 * @throws MailLimitException when the account had its links for this hour
	 */
	@Transactional
	Resent resend(long userId) {
		User user = this.users.get(userId);
		if (user.isEmailVerified()) {
			return new Resent(false, user.getEmail());
		}
		checkLimit(userId);
		queueVerification(user);
		return new Resent(true, user.getEmail());
	}

	/** What a link is, using nothing up (mail scanners and link previews open links). */
	@Transactional(readOnly = true)
	Link check(@Nullable String token, LinkPurpose purpose) {
		MailTokens.Lookup lookup = this.tokens.find(token, purpose);
		MailTokens.Token found = lookup.token();
		if (lookup.state() != MailTokens.State.VALID || found == null || found.email() == null) {
			return new Link((lookup.state() == MailTokens.State.SPENT) ? LinkState.SPENT : LinkState.UNKNOWN, null,
					null);
		}
		User user = this.users.findById(found.userId()).orElse(null);
		if (user == null) {
			return new Link(LinkState.UNKNOWN, null, null);
		}
		// A confirmation of an address the account no longer has (an admin changed it
		// since): the link is of no use any more.
		if (purpose == LinkPurpose.VERIFY && !found.email().equals(user.getEmail())) {
			return new Link(LinkState.SPENT, null, null);
		}
		return new Link(LinkState.VALID, user, found.email());
	}

	/** Opening a verification link: the address is confirmed; the link is used up. */
	@Transactional
	Link confirmAddress(@Nullable String token) {
		Link link = check(token, LinkPurpose.VERIFY);
		if (link.state() != LinkState.VALID || link.user() == null) {
			return link;
		}
		if (this.tokens.consume(token, LinkPurpose.VERIFY).isEmpty()) {
			return new Link(LinkState.SPENT, null, null);
		}
		User verified = this.users.markEmailVerified(link.user().getId());
		this.activity.record(Action.EMAIL_VERIFIED).target(verified).detail("by", "link").save();
		return new Link(LinkState.DONE, verified, link.email());
	}

	/**
	 * Opening an address-change link: the account takes the new address (confirmed), the
	 * old address is told. If another account took the address meanwhile, nothing changes
	 * and the link stays usable ({@link LinkState#TAKEN}).
	 * @throws DuplicateUserException when another account took it in the same moment (the
	 * transaction rolls back; the caller answers as for TAKEN)
	 */
	@Transactional
	Link confirmChange(@Nullable String token) {
		Link link = check(token, LinkPurpose.EMAIL);
		User user = link.user();
		String email = link.email();
		if (link.state() != LinkState.VALID || user == null || email == null) {
			return link;
		}
		if (this.users.emailTaken(email, user.getId())) {
			return new Link(LinkState.TAKEN, user, email);
		}
		if (this.tokens.consume(token, LinkPurpose.EMAIL).isEmpty()) {
			return new Link(LinkState.SPENT, null, null);
		}
		String oldEmail = user.getEmail();
		User changed = this.users.changeToConfirmedEmail(user.getId(), email);
		this.activity.record(Action.EMAIL_CHANGE)
			.target(changed)
			.detail("from", oldEmail)
			.detail("to", email)
			.detail("confirmed", true)
			.save();
		// Links still on their way to the old address would confirm nothing now.
		this.tokens.voidAll(user.getId(), LinkPurpose.VERIFY);
		this.outbox.enqueue(OutgoingMail.notice("email-changed", oldEmail, changed.getLanguage(), changed.getId(),
				Map.of("username", changed.getUsername(), "email", email, "oldEmail", oldEmail)));
		return new Link(LinkState.DONE, changed, email);
	}

	private void queueVerification(User user) {
		this.outbox.enqueue(new OutgoingMail("verify-email", user.getEmail(), user.getLanguage(), user.getId(),
				Map.of("username", user.getUsername(), "email", user.getEmail()),
				new OutgoingMail.Link(LinkPurpose.VERIFY, VERIFY_PATH, user.getEmail())));
	}

	/**
	 * At most {@code roster.mail.per-account-per-hour} confirmation links (verification
	 * and address change together) per account and hour. The user's row is locked until
	 * the caller's transaction ends, before counting: a concurrent request for the same
	 * account waits and then counts the mail this one queues, so the limit is exact.
	 */
	private void checkLimit(long userId) {
		this.users.lock(userId);
		int sent = this.outbox.linkMailsSince(userId, LIMIT_PERIOD, LinkPurpose.VERIFY, LinkPurpose.EMAIL);
		if (sent >= this.perAccountPerHour) {
			throw new MailLimitException(this.perAccountPerHour);
		}
	}

	private static Locale language() {
		return Locale.forLanguageTag(LocaleContextHolder.getLocale().getLanguage());
	}

	/** What a link is or did. */
	enum LinkState {

		/** Issued, unused, unexpired, for the account's current state. */
		VALID,

		/** Used just now: the change is made. */
		DONE,

		/** The new address belongs to another account now: nothing changed. */
		TAKEN,

		/** Used, expired, voided, or outdated by another change: 410. */
		SPENT,

		/** Never issued, or no token at all: 400. */
		UNKNOWN

	}

	/** A link's state, with the account and the address it confirms when it has them. */
	record Link(LinkState state, @Nullable User user, @Nullable String email) {
	}

	/** Whether a new link was queued, and to which address. */
	record Resent(boolean sent, String email) {
	}

}
