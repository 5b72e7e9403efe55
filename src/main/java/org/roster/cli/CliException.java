package org.roster.cli;

/** An expected failure whose message is shown as is. */
class CliException extends RuntimeException {

	CliException(String message) {
		super(message);
	}

}
