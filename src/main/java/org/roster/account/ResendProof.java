package org.roster.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The proof, handed out by a sign-in refused for an unconfirmed address, that its bearer
 * just gave this account's password: "send the link again" on the sign-in page works with
 * it, for this account and for {@link #VALID_FOR} only, and nobody can have mail sent to
 * an account whose password they do not know.
 * <p>
 * Stored nowhere (a refused sign-in stores nothing, and any node must accept it): it is
 * {@code id.expiry.HMAC-SHA256(id, address, expiry)} keyed with the account's password
 * hash, the one secret of the account every node shares, the way Spring Security's
 * remember-me tokens are signed. A new password or address voids it.
 */
@Component
class ResendProof {

	static final Duration VALID_FOR = Duration.ofMinutes(15);

	private static final Pattern FORMAT = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})\\.([A-Za-z0-9_-]{43})");

	private final UserService users;

	private final Clock clock;

	@Autowired
	ResendProof(UserService users) {
		this(users, Clock.systemUTC());
	}

	/** With another clock: tests of the expiry. */
	ResendProof(UserService users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	String issue(User user) {
		long expires = this.clock.instant().plus(VALID_FOR).getEpochSecond();
		return user.getId() + "." + expires + "." + signature(user, expires);
	}

	/** The account the proof is for, if it is genuine, current and unexpired. */
	Optional<User> verify(@Nullable String proof) {
		Matcher parts = (proof != null) ? FORMAT.matcher(proof) : null;
		if (parts == null || !parts.matches()) {
			return Optional.empty();
		}
		long id;
		long expires;
		try {
			id = Long.parseLong(parts.group(1));
			expires = Long.parseLong(parts.group(2));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
		if (!Instant.ofEpochSecond(expires).isAfter(this.clock.instant())) {
			return Optional.empty();
		}
		return this.users.findById(id)
			.filter((user) -> MessageDigest.isEqual(signature(user, expires).getBytes(StandardCharsets.US_ASCII),
					parts.group(3).getBytes(StandardCharsets.US_ASCII)));
	}

	private static String signature(User user, long expires) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(user.getPasswordHash().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] signed = mac
				.doFinal(("roster-resend-verification\n" + user.getId() + "\n" + user.getEmail() + "\n" + expires)
					.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has HmacSHA256", ex);
		}
	}

}
