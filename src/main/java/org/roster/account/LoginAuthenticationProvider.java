package org.roster.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username-or-email and password. Unknown users, wrong passwords and locked
 * accounts fail alike, and each path verifies one hash so timing does not tell them
 * apart. Only a suspended user who knows the password learns about the suspension.
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {

	static final String GENERIC_FAILURE = "Incorrect username or password, or the account is temporarily locked.";

	private final UserService users;

	private final PasswordEncoder passwordEncoder;

	private final SecurityProperties.Lockout lockout;

	/** Hash of a random string, verified for unknown users to spend the same time. */
	private final String dummyHash;

	LoginAuthenticationProvider(UserService users, PasswordEncoder passwordEncoder, SecurityProperties properties) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.lockout = properties.lockout();
		this.dummyHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String login = authentication.getName();
		String password = String.valueOf(authentication.getCredentials());
		Optional<User> found = this.users.findByLogin(login);
		if (found.isEmpty() || password.length() > PasswordPolicy.MAX_LENGTH) {
			this.passwordEncoder.matches(password, this.dummyHash);
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		User user = found.get();
		boolean matches = this.passwordEncoder.matches(password, user.getPasswordHash());
		if (!matches) {
			recordFailure(user);
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (user.isLockedAt(Instant.now())) {
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (!user.isActive()) {
			throw new DisabledException("This account is suspended. Contact an administrator.");
		}
		this.users.recordSuccessfulLogin(user.getId());
		if (this.passwordEncoder.upgradeEncoding(user.getPasswordHash())) {
			this.users.changePasswordHash(user.getId(), this.passwordEncoder.encode(password));
		}
		RosterPrincipal principal = RosterPrincipal.of(user);
		return UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name())));
	}

	private void recordFailure(User user) {
		int failures = this.users.recordFailedLogin(user.getId());
		if (failures >= this.lockout.maxFailures()) {
			this.users.lockUntil(user.getId(), Instant.now().plus(lockDuration(failures)));
		}
	}

	/**
	 * The first lock lasts {@code initial-lock}; each further failure doubles it, up to
	 * {@code max-lock}.
	 */
	Duration lockDuration(int failures) {
		int doublings = Math.min(failures - this.lockout.maxFailures(), 30);
		Duration lock = this.lockout.initialLock().multipliedBy(1L << doublings);
		return (lock.compareTo(this.lockout.maxLock()) > 0) ? this.lockout.maxLock() : lock;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
