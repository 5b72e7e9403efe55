package org.roster.account;

import java.io.Serializable;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.roster.account.ExternalIdentities.AlreadyLinked;
import org.roster.account.ExternalIdentities.Identity;
import org.roster.account.RegistrationProperties.SocialMode;
import org.roster.avatar.PictureImport;
import org.roster.profile.ProfileData;
import org.roster.profile.ProfileService;
import org.roster.user.DuplicateUserException;
import org.roster.user.EmailAddress;
import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of signing in with another account. A known link signs into its account; an
 * unknown one makes an account only with an address the provider vouches for and nobody
 * uses, and never joins an existing account by its address: that takes the account's
 * password (a pending link, completed by {@link #afterPasswordSignIn}) or a signed-in
 * user's own request from the profile ({@link LinkIntent}).
 */
@Component
class ExternalSignIns {

	private static final Log logger = LogFactory.getLog(ExternalSignIns.class);

	/** Session attribute: the provider account waiting for an address or a password. */
	static final String PENDING = ExternalSignIns.class.getName() + ".pending";

	/** Session attribute: a signed-in user asked to link a provider account. */
	static final String LINK_INTENT = ExternalSignIns.class.getName() + ".linkIntent";

	/** Session attribute: what the profile page says once about a link. */
	static final String NOTICE = ExternalSignIns.class.getName() + ".notice";

	/** Sign-in form field: the registration whose pending account the password links. */
	static final String LINK_PARAMETER = "link";

	/** How long a started link or a pending sign-in waits for the person. */
	static final Duration PATIENCE = Duration.ofMinutes(15);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final UserService users;

	private final ExternalIdentities identities;

	private final ProfileService profiles;

	private final PictureImport pictures;

	private final EmailVerification verification;

	private final PasswordEncoder passwordEncoder;

	private final RegistrationProperties registration;

	private final TransactionTemplate transactions;

	private final TaskExecutor executor;

	ExternalSignIns(UserService users, ExternalIdentities identities, ProfileService profiles, PictureImport pictures,
			EmailVerification verification, PasswordEncoder passwordEncoder, RegistrationProperties registration,
			TransactionTemplate transactions, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
		this.users = users;
		this.identities = identities;
		this.profiles = profiles;
		this.pictures = pictures;
		this.verification = verification;
		this.passwordEncoder = passwordEncoder;
		this.registration = registration;
		this.transactions = transactions;
		this.executor = executor;
	}

	/** What happens to a person the provider has just vouched for. */
	Outcome decide(ExternalAccount account, @Nullable LinkIntent intent, Locale locale) {
		Optional<Identity> known = this.identities.find(account.registrationId(), account.subject());
		if (intent != null && intent.isFor(account.registrationId())) {
			return linkForSignedInUser(intent.userId(), account, known);
		}
		if (known.isPresent()) {
			this.identities.touch(known.get(), account.email());
			return this.users.findById(known.get().userId())
				.<Outcome>map((user) -> new SignIn(user, null))
				.orElseGet(() -> new Refused(LoginAuthenticationProvider.GENERIC_FAILURE));
		}
		String verified = account.verifiedEmail();
		if (verified != null && this.users.emailTaken(verified, null)) {
			return new Pending(account, Reason.EMAIL_TAKEN);
		}
		if (this.registration.social() == SocialMode.LINK_ONLY) {
			return new Pending(account, Reason.NO_ACCOUNT);
		}
		if (verified == null || !EmailAddress.isValid(verified)) {
			return new Pending(account, Reason.NEEDS_EMAIL);
		}
		try {
			return new SignIn(create(account, verified, true, locale), null);
		}
		catch (DuplicateUserException ex) {
			return new Pending(account, Reason.EMAIL_TAKEN);
		}
	}

	private Outcome linkForSignedInUser(long userId, ExternalAccount account, Optional<Identity> known) {
		User user = this.users.findById(userId).orElse(null);
		if (user == null) {
			return new Refused(LoginAuthenticationProvider.GENERIC_FAILURE);
		}
		if (known.isPresent()) {
			String notice = (known.get().userId() == userId) ? "account.external.notice.alreadyLinked"
					: "account.external.notice.linkedElsewhere";
			return new SignIn(user, new Notice(notice, account.providerName(), false));
		}
		try {
			this.transactions.executeWithoutResult((status) -> this.identities.link(userId, account));
		}
		catch (AlreadyLinked ex) {
			return new SignIn(user, new Notice("account.external.notice.providerTaken", account.providerName(), false));
		}
		offerPicture(userId, account);
		return new SignIn(user, new Notice("account.external.notice.linked", account.providerName(), true));
	}

	/**
	 * After a password sign-in: links the provider account that was waiting for it, if
	 * any, and leaves the profile a notice saying how it went.
	 */
	@Nullable Notice afterPasswordSignIn(PendingSignIn pending, long userId) {
		if (pending.isStale()) {
			return null;
		}
		ExternalAccount account = pending.account();
		if (this.identities.find(account.registrationId(), account.subject()).isPresent()) {
			return new Notice("account.external.notice.linkedElsewhere", account.providerName(), false);
		}
		try {
			this.transactions.executeWithoutResult((status) -> this.identities.link(userId, account));
		}
		catch (AlreadyLinked ex) {
			return new Notice("account.external.notice.providerTaken", account.providerName(), false);
		}
		offerPicture(userId, account);
		return new Notice("account.external.notice.linked", account.providerName(), true);
	}

	/**
	 * Makes the account of a person who gave an address themself: unverified, a
	 * verification mail on its way (unless verification is off).
	 * @throws DuplicateUserException if the address is taken
	 */
	User createWithGivenAddress(ExternalAccount account, String email, Locale locale) {
		return create(account, email, account.emailVerified() && email.equalsIgnoreCase(account.email()), locale);
	}

	boolean mustVerifyBeforeSignIn() {
		return this.verification.isRequired();
	}

	private User create(ExternalAccount account, String email, boolean verified, Locale locale) {
		// Nobody knows this password: the account signs in through its link until its
		// owner
		// sets one through the reset mail. Hashed before any transaction: hashing is
		// slow.
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		String hash = this.passwordEncoder.encode(Base64.getEncoder().encodeToString(secret));
		Locale language = Locale.forLanguageTag(locale.getLanguage());
		for (String username : UsernameCandidates.from(account, email)) {
			if (this.users.usernameTaken(username)) {
				continue;
			}
			try {
				User user = this.transactions.execute((status) -> {
					User created = this.users
						.create(new NewUser(username, email, hash, Role.USER, verified, false, language, false));
					this.identities.link(created.getId(), account);
					String fullName = UsernameCandidates.plainText(account.fullName(), 100);
					if (!fullName.isEmpty()) {
						this.profiles.update(created.getId(),
								new ProfileData(fullName, null, null, null, null, null, null));
					}
					if (!verified) {
						this.verification.registered(created);
					}
					return created;
				});
				offerPicture(user.getId(), account);
				return user;
			}
			catch (DuplicateUserException ex) {
				if (!"username".equals(ex.getField())) {
					throw ex;
				}
				// Taken since the check: the next candidate.
			}
		}
		throw new DuplicateUserException("username");
	}

	/**
	 * The provider's picture becomes the avatar of a user who has none, fetched and
	 * re-encoded by the avatar pipeline in the background: the sign-in does not wait.
	 */
	private void offerPicture(long userId, ExternalAccount account) {
		URI picture = pictureAddress(account.picture());
		if (picture == null) {
			return;
		}
		this.executor.execute(() -> {
			try {
				this.pictures.importIfNone(userId, picture);
			}
			catch (RuntimeException ex) {
				logger.info("The picture from " + account.providerName() + " for user id " + userId
						+ " was not imported: " + ex.getMessage());
			}
		});
	}

	private static @Nullable URI pictureAddress(@Nullable String picture) {
		if (picture == null) {
			return null;
		}
		try {
			URI uri = URI.create(picture);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null ? uri : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Why a provider account waits in the session. */
	enum Reason {

		/**
		 * Its verified address belongs to an account: that account's password links it.
		 */
		EMAIL_TAKEN,

		/**
		 * New accounts are not made this way ({@code link-only}): a password links it.
		 */
		NO_ACCOUNT,

		/** The provider vouched for no address: the person gives one. */
		NEEDS_EMAIL

	}

	/**
	 * A provider account waiting in the session for the person's next step. A password
	 * sign-in links it only when sent from the page that offers it
	 * ({@link #LINK_PARAMETER}): on a shared computer, the next person's sign-in must not
	 * pick up an abandoned one.
	 */
	record PendingSignIn(ExternalAccount account, Reason reason, Instant since) implements Serializable {

		PendingSignIn(ExternalAccount account, Reason reason) {
			this(account, reason, Instant.now());
		}

		boolean isStale() {
			return this.since.isBefore(Instant.now().minus(PATIENCE));
		}

	}

	/** A signed-in user's request to link a provider account, from the profile. */
	record LinkIntent(long userId, String registrationId, Instant since) implements Serializable {

		boolean isFor(String registration) {
			return this.registrationId.equals(registration) && this.since.isAfter(Instant.now().minus(PATIENCE));
		}

	}

	/** A message for the profile page: a key with the provider's name. */
	record Notice(String key, String providerName, boolean success) implements Serializable {
	}

	sealed interface Outcome permits SignIn, Pending, Refused {

	}

	/**
	 * Sign in to this account (after the usual checks), with a notice for the profile.
	 */
	record SignIn(User user, @Nullable Notice notice) implements Outcome {
	}

	/** Keep the provider account in the session and ask the person. */
	record Pending(ExternalAccount account, Reason reason) implements Outcome {
	}

	/** Back to the sign-in page with this message key. */
	record Refused(String messageKey) implements Outcome {
	}

}
