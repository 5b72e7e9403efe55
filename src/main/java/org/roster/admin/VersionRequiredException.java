package org.roster.admin;

/** An edit without the version it was based on (428 Precondition Required). */
class VersionRequiredException extends RuntimeException {

	VersionRequiredException() {
		super("Send the version you edited (field 'version') so concurrent changes are not lost.");
	}

}
