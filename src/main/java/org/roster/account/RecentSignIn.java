package org.roster.account;

import java.time.Clock;
import java.time.Instant;

import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When the session's owner last proved who they are (a sign-in, or the current password
 * typed again): changes to how the account signs in need that to be recent
 * ({@code roster.security.recent-sign-in}), so a session left open is not enough. The
 * time is kept in the session, so every node sees it.
 */
@Component
public class RecentSignIn {

	static final String ATTRIBUTE = "roster.recentSignIn";

	private final SecurityProperties properties;

	private final Clock clock;

	@Autowired
	RecentSignIn(SecurityProperties properties) {
		this(properties, Clock.systemUTC());
	}

	RecentSignIn(SecurityProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/** After a successful sign-in or password confirmation. */
	public void record(HttpSession session) {
		session.setAttribute(ATTRIBUTE, this.clock.instant());
	}

	/** Whether the last proof is within the window. */
	public boolean isFresh(HttpSession session) {
		return session.getAttribute(ATTRIBUTE) instanceof Instant at
				&& !at.plus(this.properties.recentSignIn()).isBefore(this.clock.instant());
	}

}
