package org.roster.activity;

import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code /activity} as sent, bound by its handlers. All text, so binding
 * never fails: {@link #toQuery()} checks them ({@link BadFilterException}, 400 naming the
 * field).
 */
record ActivityParams(@Nullable String user, @Nullable String actor, @Nullable String action, @Nullable String outcome,
		@Nullable String from, @Nullable String to, @Nullable String address, @Nullable String before,
		@Nullable String size) {

	ActivityQuery toQuery() {
		return ActivityQuery.parse(this.user, this.actor, this.action, this.outcome, this.from, this.to, this.address,
				this.before, this.size);
	}

}
