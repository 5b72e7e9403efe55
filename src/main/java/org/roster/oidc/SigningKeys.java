package org.roster.oidc;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.jspecify.annotations.Nullable;

import org.roster.oidc.OidcClients.TokenPolicy;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The provider's signing keys, in {@code oidc_signing_keys}: made at the first start of
 * the first node, read again at most once a minute so that a key added elsewhere is seen.
 * Every key not yet retired is published; tokens are signed with the newest (last made)
 * key whose activation time has come (its {@code kid} in the header), so all nodes agree
 * once they have read the table (two nodes starting at once may both make a key: both are
 * published). {@link #rotate} adds a key that starts signing after a grace period, in
 * which applications fetch it, and retires the older ones once no token they signed can
 * still be alive.
 */
@Component
public class SigningKeys implements JWKSource<SecurityContext> {

	static final Duration REFRESH = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private volatile Loaded loaded = new Loaded(List.of(), "", Instant.EPOCH);

	SigningKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The key tokens are signed with now. */
	RSAKey current() {
		Loaded keys = keys();
		return keys.published()
			.stream()
			.filter((key) -> key.getKeyID().equals(keys.signingKid()))
			.findFirst()
			.orElseThrow();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(List.<JWK>copyOf(keys().published())));
	}

	/**
	 * Adds a key that signs from {@code grace} on, and retires the keys signing now once
	 * the tokens they signed have expired.
	 * @return the new key's id, when it starts signing and when the older ones retire
	 */
	@Transactional
	public Rotation rotate(Duration grace) {
		Instant activates = Instant.now().plus(grace);
		Instant retires = activates.plus(longestSignedToken()).plus(REFRESH);
		this.jdbc.sql("UPDATE oidc_signing_keys SET retired_at = ? WHERE retired_at IS NULL OR retired_at > ?")
			.params(Timestamp.from(retires), Timestamp.from(retires))
			.update();
		String kid = create(activates);
		reload();
		return new Rotation(kid, activates, retires);
	}

	/**
	 * The longest lifetime of a signed token any client gets now: its ID tokens', and its
	 * access tokens' unless they are opaque references.
	 */
	Duration longestSignedToken() {
		return this.jdbc.sql("SELECT * FROM oauth2_registered_client")
			.query(new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper())
			.stream()
			.flatMap((client) -> Stream.of(OidcClients.idTokenLifetime(client),
					OAuth2TokenFormat.SELF_CONTAINED.equals(client.getTokenSettings().getAccessTokenFormat())
							? client.getTokenSettings().getAccessTokenTimeToLive() : Duration.ZERO))
			.max(Comparator.naturalOrder())
			.filter((longest) -> longest.compareTo(TokenPolicy.DEFAULTS.accessToken()) > 0)
			.orElse(TokenPolicy.DEFAULTS.accessToken());
	}

	/** Reads the table again at the next use, as every node does within a minute. */
	void reload() {
		this.loaded = new Loaded(List.of(), "", Instant.EPOCH);
	}

	/** Every key not yet retired, oldest first. */
	public List<KeyInfo> list() {
		return this.jdbc
			.sql("SELECT kid, created_at, activates_at, retired_at FROM oidc_signing_keys"
					+ " WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at, kid")
			.param(Timestamp.from(Instant.now()))
			.query((rs, row) -> new KeyInfo(rs.getString("kid"), rs.getTimestamp("created_at").toInstant(),
					rs.getTimestamp("activates_at").toInstant(),
					(rs.getTimestamp("retired_at") != null) ? rs.getTimestamp("retired_at").toInstant() : null))
			.list();
	}

	private Loaded keys() {
		Loaded now = this.loaded;
		if (now.published().isEmpty() || now.at().isBefore(Instant.now().minus(REFRESH))) {
			now = load();
			if (now.signingKid().isEmpty()) {
				create(Instant.now());
				now = load();
			}
			this.loaded = now;
		}
		return now;
	}

	private Loaded load() {
		Instant now = Instant.now();
		List<RSAKey> published = new ArrayList<>();
		String signing = "";
		List<StoredKey> stored = this.jdbc
			.sql("SELECT kid, private_key, public_key, activates_at FROM oidc_signing_keys"
					+ " WHERE retired_at IS NULL OR retired_at > ? ORDER BY created_at, kid")
			.param(Timestamp.from(now))
			.query((rs, row) -> new StoredKey(
					rsaKey(rs.getString("kid"), rs.getString("private_key"), rs.getString("public_key")),
					rs.getTimestamp("activates_at").toInstant()))
			.list();
		for (StoredKey key : stored) {
			published.add(key.key());
			if (!key.activatesAt().isAfter(now)) {
				signing = key.key().getKeyID();
			}
		}
		return new Loaded(List.copyOf(published), signing, now);
	}

	private String create(Instant activates) {
		KeyPair pair = generate();
		String kid = UUID.randomUUID().toString();
		this.jdbc
			.sql("INSERT INTO oidc_signing_keys (kid, private_key, public_key, created_at, activates_at)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(kid, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
					Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), Timestamp.from(Instant.now()),
					Timestamp.from(activates))
			.update();
		return kid;
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String kid, String privateKey, String publicKey) {
		try {
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPublicKey pub = (RSAPublicKey) factory
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
			RSAPrivateKey priv = (RSAPrivateKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
			return new RSAKey.Builder(pub).privateKey(priv)
				.keyID(kid)
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("A signing key in oidc_signing_keys is unreadable: " + kid, ex);
		}
	}

	/** A rotation's new key, when it starts signing, when the older keys retire. */
	public record Rotation(String kid, Instant activatesAt, Instant olderRetireAt) {
	}

	/** A key as the command line lists it. */
	public record KeyInfo(String kid, Instant createdAt, Instant activatesAt, @Nullable Instant retiresAt) {
	}

	private record StoredKey(RSAKey key, Instant activatesAt) {
	}

	private record Loaded(List<RSAKey> published, String signingKid, Instant at) {
	}

}
