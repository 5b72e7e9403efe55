package org.roster.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

/**
 * When the session's user last proved who they are (a full sign-in or a confirmed
 * password): a change of sign-in methods within {@code roster.security.recent-sign-in} (5
 * minutes) needs no password again.
 */
@Component
public class RecentSignIn {

	static final String ATTRIBUTE = "roster.recentSignIn";

	private final Duration window;

	private final Clock clock;

	RecentSignIn(SecurityProperties properties, Clock clock) {
		this.window = properties.recentSignIn();
		this.clock = clock;
	}

	/** Called on every successful full sign-in and password confirmation. */
	public void record(HttpSession session) {
		session.setAttribute(ATTRIBUTE, this.clock.instant());
	}

	public boolean isFresh(HttpSession session) {
		return session.getAttribute(ATTRIBUTE) instanceof Instant at
				&& !this.clock.instant().isAfter(at.plus(this.window));
	}

}
