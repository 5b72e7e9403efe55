package org.roster.account;

import java.time.Instant;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Checks a passkey's signature (Spring Security with webauthn4j: challenge, origin,
 * relying-party id, user verification, the stored public key), then the account as a
 * password sign-in does: suspended, locked and (when confirmation is required)
 * unconfirmed accounts are refused. The result is Roster's principal, so sessions,
 * revocation and the OpenID provider work as for a password.
 */
class PasskeyAuthenticationProvider implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(PasskeyAuthenticationProvider.class);

	static final String REFUSED = "login.passkey.failed";

	static final String LOCKED = "login.locked.passkey";

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final UserService users;

	private final EmailVerification verification;

	private final ResendProof resendProof;

	PasskeyAuthenticationProvider(WebAuthnRelyingPartyOperations relyingParty, UserService users,
			EmailVerification verification, ResendProof resendProof) {
		this.relyingParty = relyingParty;
		this.users = users;
		this.verification = verification;
		this.resendProof = resendProof;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		RelyingPartyAuthenticationRequest request = ((WebAuthnAuthenticationRequestToken) authentication)
			.getWebAuthnRequest();
		PublicKeyCredentialUserEntity owner;
		try {
			owner = this.relyingParty.authenticate(request);
		}
		catch (RuntimeException ex) {
			// An unknown credential, a wrong challenge or origin, a bad signature.
			logger.info("A passkey sign-in was refused: " + ex.getClass().getSimpleName());
			throw new BadCredentialsException(REFUSED, ex);
		}
		// The credential's owner must be whom the authenticator says it signed for
		// (WebAuthn, verifying an assertion, step 6).
		AuthenticatorAssertionResponse response = request.getPublicKey().getResponse();
		Bytes userHandle = response.getUserHandle();
		if (userHandle != null && !userHandle.equals(owner.getId())) {
			logger.info("A passkey sign-in was refused: its user handle is not its owner's");
			throw new BadCredentialsException(REFUSED);
		}
		User user = this.users.findByLogin(owner.getName())
			.filter((found) -> found.getUsername().equals(owner.getName()))
			.orElseThrow(() -> new BadCredentialsException(REFUSED));
		if (!user.isActive()) {
			throw new DisabledException(LoginAuthenticationProvider.SUSPENDED);
		}
		if (user.isLockedAt(Instant.now())) {
			throw new LockedException(LOCKED);
		}
		if (this.verification.isRequired() && !user.isEmailVerified()) {
			throw new UnverifiedEmailException(LoginAuthenticationProvider.UNVERIFIED, this.resendProof.issue(user));
		}
		// The factor (with its time) is what an ID token's auth_time and amr are read
		// from.
		return new PasskeySignIn(RosterPrincipal.of(user), user.getLanguage(),
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()),
						FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)
							.issuedAt(Instant.now())
							.build()));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
	}

}
