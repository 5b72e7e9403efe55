package org.roster.activity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.roster.user.User;

/**
 * One event being written: its action, target, outcome and details, then {@link #save()}.
 */
public final class ActivityEntry {

	private final ActivityLog log;

	private final Action action;

	private @Nullable Long targetId;

	private @Nullable String targetName;

	private @Nullable Long actorId;

	private @Nullable String actorName;

	private boolean failed;

	private final Map<String, Object> details = new LinkedHashMap<>();

	ActivityEntry(ActivityLog log, Action action) {
		this.log = log;
		this.action = action;
	}

	/** The user the event is about. */
	public ActivityEntry target(User user) {
		return target(user.getId(), user.getUsername());
	}

	public ActivityEntry target(long id, String username) {
		this.targetId = id;
		this.targetName = username;
		return this;
	}

	/** The user the event is about, by id; the log reads their current username. */
	public ActivityEntry targetId(long id) {
		this.targetId = id;
		this.targetName = null;
		return this;
	}

	/** The actor, where the security context does not hold them yet (a sign-in). */
	public ActivityEntry actor(long id, String username) {
		this.actorId = id;
		this.actorName = username;
		return this;
	}

	/** The actor is the target itself (their own sign-in, registration, link). */
	public ActivityEntry byTarget() {
		if (this.targetName != null) {
			this.actorId = this.targetId;
			this.actorName = this.targetName;
		}
		return this;
	}

	/**
	 * A refused attempt, with the reason (a short code such as {@code wrong-password}).
	 */
	public ActivityEntry failure(String reason) {
		this.failed = true;
		this.details.put("reason", reason);
		return this;
	}

	public ActivityEntry detail(String key, @Nullable Object value) {
		if (value != null) {
			this.details.put(key, value);
		}
		return this;
	}

	public void save() {
		this.log.write(this);
	}

	Action action() {
		return this.action;
	}

	@Nullable Long targetId() {
		return this.targetId;
	}

	@Nullable String targetName() {
		return this.targetName;
	}

	@Nullable Long actorId() {
		return this.actorId;
	}

	@Nullable String actorName() {
		return this.actorName;
	}

	boolean failed() {
		return this.failed;
	}

	Map<String, Object> details() {
		return this.details;
	}

}
