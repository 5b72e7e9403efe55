package org.roster.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.roster.web.Sha256;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Applications' secrets at rest. A secret is 256 random bits that no one chose, so no
 * dictionary or brute force can reach it from its SHA-256 (as with API tokens); a
 * password hash would only make every token, refresh, introspection and revocation
 * request cost one deliberately slow computation. Secrets kept with the password hash by
 * earlier versions still match, and are stored again as SHA-256 at their next use.
 */
final class ClientSecrets implements PasswordEncoder {

	static final String PREFIX = "{sha256}";

	private final PasswordEncoder earlier;

	ClientSecrets(PasswordEncoder earlier) {
		this.earlier = earlier;
	}

	@Override
	public String encode(CharSequence secret) {
		return PREFIX + Sha256.hex(secret.toString());
	}

	@Override
	public boolean matches(CharSequence secret, String stored) {
		if (secret == null || stored == null) {
			return false;
		}
		if (stored.startsWith(PREFIX)) {
			return MessageDigest.isEqual(encode(secret).getBytes(StandardCharsets.US_ASCII),
					stored.getBytes(StandardCharsets.US_ASCII));
		}
		return this.earlier.matches(secret, stored);
	}

	@Override
	public boolean upgradeEncoding(String stored) {
		return stored != null && !stored.startsWith(PREFIX);
	}

}
