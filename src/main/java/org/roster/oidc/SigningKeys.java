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
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The provider's signing keys, in {@code oidc_signing_keys}: made at the first start of
 * the first node (two nodes starting at once may both make one: both are published, and
 * every node signs with the oldest, so they agree), read again at most once a minute so a
 * key added elsewhere is seen. Tokens are signed with the current key only (its
 * {@code kid} in the header); every unretired key is published.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

	static final Duration REFRESH = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private volatile Loaded loaded = new Loaded(List.of(), Instant.EPOCH);

	SigningKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The key tokens are signed with now. */
	RSAKey current() {
		return keys().get(0);
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(List.<JWK>copyOf(keys())));
	}

	private List<RSAKey> keys() {
		Loaded now = this.loaded;
		if (now.keys().isEmpty() || now.at().isBefore(Instant.now().minus(REFRESH))) {
			List<RSAKey> keys = load();
			if (keys.isEmpty()) {
				create();
				keys = load();
			}
			now = new Loaded(keys, Instant.now());
			this.loaded = now;
		}
		return now.keys();
	}

	private List<RSAKey> load() {
		return this.jdbc
			.sql("SELECT kid, private_key, public_key FROM oidc_signing_keys WHERE retired_at IS NULL"
					+ " ORDER BY created_at, kid")
			.query((rs, row) -> rsaKey(rs.getString("kid"), rs.getString("private_key"), rs.getString("public_key")))
			.list();
	}

	private void create() {
		KeyPair pair = generate();
		this.jdbc.sql("INSERT INTO oidc_signing_keys (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)")
			.params(UUID.randomUUID().toString(), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
					Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), Timestamp.from(Instant.now()))
			.update();
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

	private record Loaded(List<RSAKey> keys, Instant at) {
	}

}
