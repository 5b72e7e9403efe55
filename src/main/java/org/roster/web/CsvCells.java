package org.roster.web;

import org.jspecify.annotations.Nullable;

/**
 * Cells of the CSV files Roster writes (the user list, the activity log): a cell that a
 * spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a carriage
 * return) gets a leading apostrophe, so an export cannot carry a formula into the admin's
 * spreadsheet.
 */
public final class CsvCells {

	private CsvCells() {
	}

	/** A cell that spreadsheet apps would not evaluate; null is empty. */
	public static String neutral(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		char first = value.charAt(0);
		boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
				|| first == '\r';
		return formula ? "'" + value : value;
	}

}
