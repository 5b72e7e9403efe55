package org.roster.account;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.webauthn4j.util.exception.WebAuthnException;
import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.mail.Outbox;
import org.roster.user.User;
import org.roster.user.UserService;
import tools.jackson.core.JacksonException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * A user's passkeys: Spring Security's user entity (its name is the username) and
 * credential records. Each change by the owner sends them a notice by mail, in the same
 * transaction. A user's deletion takes their passkeys with it (foreign keys, V14).
 */
@Service
public class Passkeys {

	/** The longest label a passkey may have. */
	static final int MAX_LABEL = 64;

	private final PublicKeyCredentialUserEntityRepository userEntities;

	private final UserCredentialRepository credentials;

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final UserService users;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	private final ActivityLog activity;

	Passkeys(PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
			WebAuthnRelyingPartyOperations relyingParty, UserService users, Outbox outbox, JdbcClient jdbc,
			ActivityLog activity) {
		this.activity = activity;
		this.userEntities = userEntities;
		this.credentials = credentials;
		this.relyingParty = relyingParty;
		this.users = users;
		this.outbox = outbox;
		this.jdbc = jdbc;
	}

	/**
	 * Whether the user has at least one passkey (a second factor, for the admins'
	 * policy).
	 */
	public boolean hasAny(long userId) {
		return this.users.findById(userId)
			.map((user) -> this.jdbc
				.sql("SELECT COUNT(*) FROM user_credentials c JOIN user_entities e ON e.id = c.user_entity_user_id"
						+ " WHERE e.name = ?")
				.param(user.getUsername())
				.query(Integer.class)
				.single() > 0)
			.orElse(false);
	}

	/**
	 * Removes every passkey of the user (an admin's "remove second factors"); no mail.
	 */
	@Transactional
	public void removeAll(long userId) {
		this.users.findById(userId).ifPresent((user) -> removeAll(user.getUsername()));
	}

	private void removeAll(String username) {
		this.jdbc
			.sql("DELETE FROM user_credentials WHERE user_entity_user_id IN"
					+ " (SELECT id FROM user_entities WHERE name = ?)")
			.param(username)
			.update();
		this.jdbc.sql("DELETE FROM user_entities WHERE name = ?").param(username).update();
	}

	/** The user's passkeys, newest first. */
	List<Passkey> of(User user) {
		PublicKeyCredentialUserEntity entity = this.userEntities.findByUsername(user.getUsername());
		if (entity == null) {
			return List.of();
		}
		return this.credentials.findByUserId(entity.getId())
			.stream()
			.map(Passkey::of)
			.sorted(Comparator.comparing(Passkey::created, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
	}

	/**
	 * Checks the browser's answer to {@code options} and keeps the new passkey.
	 * @throws PasskeyException when the answer is not acceptable
	 */
	@Transactional
	Passkey register(User user, PublicKeyCredentialCreationOptions options, RelyingPartyPublicKey key) {
		// Spring's save() updates a record with the same id: another account's passkey
		// must not be taken over by presenting its id.
		if (this.credentials.findByCredentialId(key.getCredential().getRawId()) != null) {
			throw new PasskeyException("problem.invalid-passkey.known");
		}
		if (!user.getUsername().equals(options.getUser().getName())) {
			throw new PasskeyException("problem.invalid-passkey.detail");
		}
		CredentialRecord record;
		try {
			record = this.relyingParty.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options, key));
		}
		catch (IllegalArgumentException | IllegalStateException | WebAuthnException | JacksonException ex) {
			// Spring's checks fail with the first two (a missing part, a known id),
			// webauthn4j's (challenge, origin, signature, flags, format) with the third,
			// and its reading of the client data with Jackson's.
			throw new PasskeyException("problem.invalid-passkey.detail", ex);
		}
		this.outbox.enqueue(AccountMail.passkeyAdded(user, key.getLabel()));
		this.activity.record(Action.PASSKEY_ADDED).target(user).detail("label", key.getLabel()).save();
		return Passkey.of(record);
	}

	@Transactional
	void rename(User user, String id, String label) {
		CredentialRecord record = owned(user, id);
		this.credentials.save(ImmutableCredentialRecord.fromCredentialRecord(record).label(label).build());
		this.outbox.enqueue(AccountMail.passkeyRenamed(user, record.getLabel(), label));
		this.activity.record(Action.PASSKEY_RENAMED)
			.target(user)
			.detail("from", record.getLabel())
			.detail("to", label)
			.save();
	}

	@Transactional
	void remove(User user, String id) {
		CredentialRecord record = owned(user, id);
		this.credentials.delete(record.getCredentialId());
		this.outbox.enqueue(AccountMail.passkeyRemoved(user, record.getLabel()));
		this.activity.record(Action.PASSKEY_REMOVED).target(user).detail("label", record.getLabel()).save();
	}

	/** The user's passkey of this id; another user's is as unknown as a made-up one. */
	private CredentialRecord owned(User user, String id) {
		PublicKeyCredentialUserEntity entity = this.userEntities.findByUsername(user.getUsername());
		CredentialRecord record = (entity != null && id.matches("[A-Za-z0-9_-]{16,1000}"))
				? this.credentials.findByCredentialId(Bytes.fromBase64(id)) : null;
		if (record == null || !record.getUserEntityUserId().equals(entity.getId())) {
			throw new PasskeyNotFoundException();
		}
		return record;
	}

	/**
	 * A passkey as the profile lists it; {@code id} is the credential id, base64url;
	 * {@code lastUsed} is null until it signs someone in (Spring starts it at the
	 * creation time).
	 */
	record Passkey(String id, String label, @Nullable Instant created, @Nullable Instant lastUsed) {

		static Passkey of(CredentialRecord record) {
			Instant lastUsed = record.getLastUsed();
			return new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(), record.getCreated(),
					(lastUsed != null && !lastUsed.equals(record.getCreated())) ? lastUsed : null);
		}

	}

}
