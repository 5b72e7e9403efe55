package org.roster.account;

import java.time.Instant;
import java.util.List;

import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
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

	private final ActivityLog activity;

	LoginAuthenticationProvider(UserService users, AccountService accounts, PasswordEncoder passwordEncoder,
			EmailVerification verification, ResendProof resendProof, SecondFactorGate secondFactors,
			ActivityLog activity) {
		this.secondFactors = secondFactors;
		this.activity = activity;
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
		PasswordCheck check = this.accounts.checkPassword(user, password);
		if (check == PasswordCheck.LOCKED) {
			refused(user, "locked");
		}
		if (check != PasswordCheck.RIGHT) {
			throw new BadCredentialsException(GENERIC_FAILURE);
		}
		if (!user.isActive()) {
			refused(user, "suspended");
			throw new DisabledException(SUSPENDED);
		}
		// The right password: not a failure toward the lockout, but no session until the
		// address is confirmed. The user row read above says so; no query of its own.
		if (this.verification.isRequired() && !user.isEmailVerified()) {
			refused(user, "unverified");
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

	/**
	 * The right password, refused all the same (a wrong one is recorded by the check).
	 */
	private void refused(User user, String reason) {
		this.activity.record(Action.SIGN_IN).target(user).failure(reason).save();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
