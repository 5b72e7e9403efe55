package org.roster.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriUtils;

/**
 * The filters of {@code /activity}, checked: a user (the event's target) and an actor by
 * username or email, an action code, an outcome, a date range in UTC (both days
 * included), a client address; {@code before} is the keyset cursor of the next page
 * ({@code <microseconds since the epoch>_<id>} of the last event shown). Anything else
 * raises {@link BadFilterException}.
 */
record ActivityQuery(String user, String actor, @Nullable Action action, @Nullable String outcome,
		@Nullable LocalDate from, @Nullable LocalDate to, String address, @Nullable Cursor before, int size) {

	static final int DEFAULT_SIZE = 50;

	static final int MAX_SIZE = 200;

	private static final int MAX_TEXT = 254;

	private static final Pattern CURSOR = Pattern.compile("(-?\\d{1,19})_(\\d{1,19})");

	static ActivityQuery parse(@Nullable String user, @Nullable String actor, @Nullable String action,
			@Nullable String outcome, @Nullable String from, @Nullable String to, @Nullable String address,
			@Nullable String before, @Nullable String size) {
		Action parsedAction = null;
		if (hasText(action)) {
			parsedAction = Action.ofCode(action.strip());
			if (parsedAction == null) {
				throw new BadFilterException("action", "problem.invalid-query.unknown", action);
			}
		}
		String parsedOutcome = null;
		if (hasText(outcome)) {
			parsedOutcome = outcome.strip();
			if (!parsedOutcome.equals("success") && !parsedOutcome.equals("failure")) {
				throw new BadFilterException("outcome", "problem.invalid-query.outcome");
			}
		}
		LocalDate fromDay = day("from", from);
		LocalDate toDay = day("to", to);
		if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
			throw new BadFilterException("to", "problem.invalid-query.dateOrder");
		}
		return new ActivityQuery(text("user", user), text("actor", actor), parsedAction, parsedOutcome, fromDay, toDay,
				text("address", address), cursor(before), size(size));
	}

	/** The time from which events are shown, or null. */
	@Nullable Instant fromTime() {
		return (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** The time before which events are shown (the day after {@code to}), or null. */
	@Nullable Instant toTime() {
		return (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
	}

	/** Whether any filter is set (public for the template). */
	public boolean isFiltered() {
		return !this.user.isEmpty() || !this.actor.isEmpty() || this.action != null || this.outcome != null
				|| this.from != null || this.to != null || !this.address.isEmpty();
	}

	/** This filter's page after the given cursor (public for the template). */
	public String link(@Nullable String cursor) {
		return "/activity" + parameters(cursor, false);
	}

	/** All events of this filter as CSV (public for the template). */
	public String exportLink() {
		return "/activity" + parameters(null, true);
	}

	private String parameters(@Nullable String cursor, boolean csv) {
		StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
		add(query, "user", this.user);
		add(query, "actor", this.actor);
		add(query, "action", (this.action != null) ? this.action.code() : null);
		add(query, "outcome", this.outcome);
		add(query, "from", (this.from != null) ? this.from.toString() : null);
		add(query, "to", (this.to != null) ? this.to.toString() : null);
		add(query, "address", this.address);
		if (!csv && this.size != DEFAULT_SIZE) {
			add(query, "size", String.valueOf(this.size));
		}
		add(query, "before", cursor);
		if (csv) {
			query.add("format=csv");
		}
		return query.toString();
	}

	private static void add(StringJoiner query, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			query.add(name + "=" + UriUtils.encodeQueryParam(value, java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	private static String text(String field, @Nullable String value) {
		String stripped = (value != null) ? value.strip() : "";
		if (stripped.length() > MAX_TEXT) {
			throw new BadFilterException(field, "problem.invalid-query.tooLong", MAX_TEXT);
		}
		return stripped;
	}

	private static @Nullable LocalDate day(String field, @Nullable String value) {
		if (!hasText(value)) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadFilterException(field, "problem.invalid-query.date");
		}
	}

	private static @Nullable Cursor cursor(@Nullable String value) {
		if (!hasText(value)) {
			return null;
		}
		Matcher matcher = CURSOR.matcher(value.strip());
		if (!matcher.matches()) {
			throw new BadFilterException("before", "problem.invalid-query.cursor");
		}
		try {
			return new Cursor(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
		}
		catch (NumberFormatException ex) {
			throw new BadFilterException("before", "problem.invalid-query.cursor");
		}
	}

	private static int size(@Nullable String value) {
		if (!hasText(value)) {
			return DEFAULT_SIZE;
		}
		try {
			int size = Integer.parseInt(value.strip());
			if (size < 1 || size > MAX_SIZE) {
				throw new BadFilterException("size", "problem.invalid-query.range", 1, MAX_SIZE);
			}
			return size;
		}
		catch (NumberFormatException ex) {
			throw new BadFilterException("size", "problem.invalid-query.number");
		}
	}

	/** The last event of a page: its time in microseconds since the epoch, and its id. */
	record Cursor(long micros, long id) {

		static Cursor of(Instant time, long id) {
			return new Cursor(time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000, id);
		}

		Instant time() {
			return Instant.ofEpochSecond(Math.floorDiv(this.micros, 1_000_000),
					Math.floorMod(this.micros, 1_000_000) * 1_000L);
		}

		@Override
		public String toString() {
			return this.micros + "_" + this.id;
		}

	}

}
