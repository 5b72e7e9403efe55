package org.roster.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * A user's signed-in sessions ("Where you're signed in") and ending them one by one or
 * all but one. Sessions live in the shared database, so a deleted row signs the browser
 * out on every node at its next request. Each change is one method here, so that it can
 * be recorded in one place.
 * <p>
 * A session is named by a public id, never by its id: the id is the cookie's value, a
 * bearer secret. The public id is the first 128 bits of the SHA-256 of the id, base64url:
 * it cannot be turned back into the id, needs no column or attribute of its own (so
 * sessions from before this feature have one too) and stays the same for the session's
 * life, as Roster changes a session's id only at sign-in.
 */
@Service
public class UserSessions {

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final UserService users;

	private final ActivityLog activity;

	UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, UserService users,
			ActivityLog activity) {
		this.activity = activity;
		this.sessions = sessions;
		this.users = users;
	}

	/**
	 * The user's live sessions, the one of {@code currentSessionId} first, then the most
	 * recently active.
	 * @throws org.roster.user.UserNotFoundException for an unknown user
	 */
	public List<SessionView> list(long userId, @Nullable String currentSessionId) {
		return live(this.users.get(userId)).values()
			.stream()
			.map((session) -> view(session, session.getId().equals(currentSessionId)))
			.sorted(Comparator.comparing(SessionView::current)
				.reversed()
				.thenComparing(SessionView::lastActiveAt, Comparator.reverseOrder()))
			.toList();
	}

	/**
	 * Ends the session with this public id. The current request's session is not deleted
	 * here (the request would write it back as it ends): the answer says so, and the
	 * caller invalidates it.
	 * @return whether it was the session of {@code currentSessionId}
	 * @throws SessionNotFoundException when the user has no session with this public id
	 */
	public boolean end(long userId, String publicId, @Nullable String currentSessionId) {
		String id = live(this.users.get(userId)).keySet()
			.stream()
			.filter((candidate) -> publicId(candidate).equals(publicId))
			.findFirst()
			.orElseThrow(SessionNotFoundException::new);
		this.activity.record(Action.SESSION_ENDED).targetId(userId).detail("session", publicId).save();
		if (id.equals(currentSessionId)) {
			return true;
		}
		this.sessions.deleteById(id);
		return false;
	}

	/**
	 * Ends every session of the user but {@code keepSessionId} (the caller's own, if it
	 * is one of them) and returns how many ended.
	 */
	public int endAllExcept(long userId, @Nullable String keepSessionId) {
		int ended = 0;
		for (String id : live(this.users.get(userId)).keySet()) {
			if (!id.equals(keepSessionId)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		if (ended > 0) {
			this.activity.record(Action.SESSION_ENDED).targetId(userId).detail("sessions", ended).save();
		}
		return ended;
	}

	private Map<String, ? extends Session> live(User user) {
		Map<String, ? extends Session> found = this.sessions.findByPrincipalName(user.getUsername());
		found.values().removeIf(Session::isExpired);
		return found;
	}

	private static SessionView view(Session session, boolean current) {
		String userAgent = session.getAttribute(SignInDevice.USER_AGENT);
		Long signedInAt = session.getAttribute(SignInDevice.SIGNED_IN_AT);
		UserAgents.Device device = UserAgents.describe(userAgent);
		return new SessionView(publicId(session.getId()), device.browser(), device.system(),
				Objects.requireNonNullElse(userAgent, ""), session.getAttribute(SignInDevice.ADDRESS),
				(signedInAt != null) ? Instant.ofEpochMilli(signedInAt) : session.getCreationTime(),
				session.getLastAccessedTime(), current);
	}

	static String publicId(String sessionId) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

	/** The user has no (live) session with this public id. */
	public static class SessionNotFoundException extends RuntimeException {

		SessionNotFoundException() {
			super("No such session");
		}

	}

}
