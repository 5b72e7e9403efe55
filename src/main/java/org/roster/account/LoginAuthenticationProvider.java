package org.roster.account;

import java.time.Instant;
import java.util.List;

import org.roster.account.AccountService.PasswordCheck;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a username-or-email and password. Unknown users, wrong passwords and locked
 * accounts fail alike, and each path verifies one hash so timing does not tell them
 * apart. Only a suspended user who knows the password learns about the suspension, and
 * only the owner of an unconfirmed address about that, when verification is required. The
 * sign-in is recorded only once its session is stored ({@link SignInConfirmation}).
 */
@Component
class LoginAuthenticationProvider implements AuthenticationProvider {

	/** Message keys: the sign-in page shows them in the visitor's language. */
	static final String GENERIC_FAILURE = "login.failed";

	static final String SUSPENDED = "login.suspended";

	static final String UNVERIFIED = "login.unverified";

	private final UserService users;

	private final AccountService accounts;

	private final PasswordEncoder passwordEncoder;

	private final EmailVerification verification;

	private final ResendProof resendProof;

	private final SecondFactorGate secondFactors;

	LoginAuthenticationProvider(UserService users, AccountService accounts, PasswordEncoder passwordEncoder,
			EmailVerification verification, ResendProof resendProof, SecondFactorGate secondFactors) {
		this.secondFactors = secondFactors;
		this.users = users;
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.verification = verification;
		this.resendProof = resendProof;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String password = String.valueOf(authentication.getCredentials());
		User user = this.users.findByLogin(authentication.getName()).orElse(null);
		if (this.accounts.checkPassword(user, password) != PasswordCheck.RIGHT) {
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (!user.isActive()) {
			throw new DisabledException(SUSPENDED);
		}
		// The right password: not a failure toward the lockout, but no session until the
		// address is confirmed. The user row read above says so; no query of its own.
		if (this.verification.isRequired() && !user.isEmailVerified()) {
			throw new UnverifiedEmailException(UNVERIFIED, this.resendProof.issue(user));
		}
		String hash = user.getPasswordHash();
		if (this.passwordEncoder.upgradeEncoding(hash)) {
			String upgraded = this.passwordEncoder.encode(password);
			if (this.users.upgradePasswordHash(user.getId(), hash, upgraded)) {
				hash = upgraded;
			}
		}
		HalfSignIn half = this.secondFactors.halfSignIn(user, FactorGrantedAuthority.PASSWORD_AUTHORITY, hash);
		if (half != null) {
			throw new SecondFactorRequiredException(half);
		}
		// The factor (with its time) is what an ID token's auth_time is read from.
		return new PasswordSignIn(RosterPrincipal.of(user), hash, user.getLanguage(),
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()),
						FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
							.issuedAt(Instant.now())
							.build()));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
