package org.roster.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.roster.web.Sha256;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Encrypts the authenticator secrets (AES-256-GCM, the user id as associated data, so a
 * secret copied to another user's row does not decrypt). The key is
 * {@code roster.security.mfa.encryption-key} when set (then a copy of the database alone
 * reveals no secret); otherwise one made at the first enrolment and kept in
 * {@code server_keys}, shared by every node. A stored value names its key
 * ({@code <key id>:<base64>}), so secrets made with the database key still work after a
 * configured key is added.
 */
@Component
class SecretCipher {

	static final String DATABASE_KEY_NAME = "totp-secret-key";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final @Nullable Key configured;

	private volatile @Nullable Key database;

	SecretCipher(SecurityProperties properties, JdbcClient jdbc) {
		this.jdbc = jdbc;
		String encoded = properties.mfa().encryptionKey();
		this.configured = (encoded == null || encoded.isBlank()) ? null : Key.of("c", configuredKey(encoded));
	}

	private static byte[] configuredKey(String encoded) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("roster.security.mfa.encryption-key is not base64");
		}
		if (key.length != 32) {
			throw new IllegalStateException(
					"roster.security.mfa.encryption-key must be 32 bytes in base64 (openssl rand -base64 32)");
		}
		return key;
	}

	String encrypt(byte[] secret, long userId) {
		Key key = (this.configured != null) ? this.configured : databaseKey();
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, userId, secret);
		byte[] stored = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
		return key.id() + ":" + Base64.getEncoder().encodeToString(stored);
	}

	byte[] decrypt(String stored, long userId) {
		int colon = stored.indexOf(':');
		String keyId = stored.substring(0, Math.max(colon, 0));
		Key key = (this.configured != null && this.configured.id().equals(keyId)) ? this.configured : databaseKey();
		if (!key.id().equals(keyId)) {
			throw new IllegalStateException("An authenticator secret was encrypted with a key this server does not"
					+ " have (key id " + keyId + "): was roster.security.mfa.encryption-key changed?");
		}
		byte[] bytes = Base64.getDecoder().decode(stored.substring(colon + 1));
		byte[] nonce = new byte[NONCE_BYTES];
		System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
		byte[] sealed = new byte[bytes.length - NONCE_BYTES];
		System.arraycopy(bytes, NONCE_BYTES, sealed, 0, sealed.length);
		return run(Cipher.DECRYPT_MODE, key, nonce, userId, sealed);
	}

	private static byte[] run(int mode, Key key, byte[] nonce, long userId, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(Long.toString(userId).getBytes(StandardCharsets.US_ASCII));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			// Never the secret or the key in the message.
			throw new IllegalStateException("An authenticator secret could not be "
					+ ((mode == Cipher.ENCRYPT_MODE) ? "encrypted" : "decrypted (wrong key or a changed row)"));
		}
	}

	/** The database's key, made by whichever node needs it first. */
	private Key databaseKey() {
		Key key = this.database;
		if (key != null) {
			return key;
		}
		String stored = readDatabaseKey();
		if (stored == null) {
			byte[] fresh = new byte[32];
			this.random.nextBytes(fresh);
			try {
				this.jdbc.sql("INSERT INTO server_keys (name, key_value, created_at) VALUES (?, ?, ?)")
					.params(DATABASE_KEY_NAME, Base64.getEncoder().encodeToString(fresh), Timestamp.from(Instant.now()))
					.update();
			}
			catch (DuplicateKeyException ex) {
				// Another node made it first: its key is the one.
			}
			stored = readDatabaseKey();
		}
		key = Key.of("d", Base64.getDecoder().decode(stored));
		this.database = key;
		return key;
	}

	private @Nullable String readDatabaseKey() {
		return this.jdbc.sql("SELECT key_value FROM server_keys WHERE name = ?")
			.param(DATABASE_KEY_NAME)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	/** A key and its id: where it comes from and a short fingerprint, never the key. */
	private record Key(String id, byte[] bytes) {

		static Key of(String source, byte[] bytes) {
			String fingerprint = Sha256.hex(bytes).substring(0, 8);
			return new Key(source + fingerprint, bytes);
		}

	}

}
