package org.roster.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.roster.user.Role;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a sign-in is told to applications ({@code amr}) and whether it is recent enough for
 * changes to the sign-in methods.
 */
class AuthenticationMethodsTest {

	private static final RosterPrincipal ADA = new RosterPrincipal(1, "ada", Role.USER);

	@Test
	void aPasswordIsPwdAndAPasskeyIsAHardwareKeyWithItsVerifiedUser() {
		assertThat(AuthenticationMethods.of(signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY))).containsExactly("pwd");
		assertThat(AuthenticationMethods.of(signIn(FactorGrantedAuthority.WEBAUTHN_AUTHORITY))).containsExactly("hwk",
				"user", "mfa");
		assertThat(AuthenticationMethods.isMultiFactor(signIn(FactorGrantedAuthority.WEBAUTHN_AUTHORITY))).isTrue();
		assertThat(AuthenticationMethods.isMultiFactor(signIn(FactorGrantedAuthority.PASSWORD_AUTHORITY))).isFalse();
		// A provider's sign-in (or none recorded) says nothing.
		assertThat(AuthenticationMethods.of(signIn(FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY))).isEmpty();
		assertThat(AuthenticationMethods.of(null)).isEmpty();
	}

	@Test
	void aSignInIsRecentForTheConfiguredWindow() {
		MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
		RecentSignIn recent = new RecentSignIn(properties(Duration.ofMinutes(5)), clock);
		MockHttpSession session = new MockHttpSession();
		assertThat(recent.isFresh(session)).as("never recorded").isFalse();
		recent.record(session);
		clock.now = clock.now.plus(Duration.ofMinutes(5));
		assertThat(recent.isFresh(session)).isTrue();
		clock.now = clock.now.plusSeconds(1);
		assertThat(recent.isFresh(session)).isFalse();
	}

	private static UsernamePasswordAuthenticationToken signIn(String factor) {
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_USER"),
				FactorGrantedAuthority.withAuthority(factor).issuedAt(Instant.now()).build());
		return UsernamePasswordAuthenticationToken.authenticated(ADA, null, authorities);
	}

	private static SecurityProperties properties(Duration recentSignIn) {
		return new SecurityProperties(new SecurityProperties.Lockout(5, Duration.ofMinutes(1), Duration.ofMinutes(15)),
				new SecurityProperties.RateLimit(30), new SecurityProperties.Password(3),
				new SecurityProperties.Mfa(false, null), recentSignIn);
	}

	private static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
