package org.roster.cli;

import java.net.ConnectException;
import java.sql.SQLException;

/** Turns whatever failed into one line a person can act on. */
final class CliErrors {

	private CliErrors() {
	}

	static String oneLine(Throwable ex) {
		if (ex instanceof CliException) {
			return ex.getMessage();
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			if (root instanceof SQLException) {
				break;
			}
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		if (root instanceof SQLException || root instanceof ConnectException) {
			return "cannot reach the database: " + firstLine(message);
		}
		return firstLine(message);
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline).strip() : message.strip();
	}

}
