package org.roster.activity;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One event as the activity page, its JSON and the profile's "Recent activity" show it.
 * {@code action} is the stable code ({@link Action#code()}).
 */
public record ActivityView(long id, Instant time, @Nullable Long actorId, String actor, String action,
		@Nullable Long targetId, @Nullable String target, @Nullable String address, @Nullable String userAgent,
		String outcome, Map<String, Object> details) {

	/** Whether the attempt was refused (public for the templates). */
	public boolean isFailure() {
		return "failure".equals(this.outcome);
	}

	/** The bundle key of the action's name (public for the templates). */
	public String actionKey() {
		return "activity.action." + this.action;
	}

}
