package org.roster.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An H2 database kept in files, as named by its JDBC URL. */
record H2Database(Path base) {

	private static final String PREFIX = "jdbc:h2:";

	/** mem:, tcp:, ssl:, zip:, nio:... (a one-letter prefix is a Windows drive). */
	private static final Pattern OTHER_KIND = Pattern.compile("[A-Za-z]{2,}:.*");

	/** The file database a URL names; empty for any other database or H2 kind. */
	static Optional<H2Database> of(String url) {
		if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return Optional.empty();
		}
		String name = url.substring(PREFIX.length());
		int settings = name.indexOf(';');
		if (settings >= 0) {
			name = name.substring(0, settings);
		}
		if (name.regionMatches(true, 0, "file:", 0, 5)) {
			name = name.substring(5);
		}
		else if (OTHER_KIND.matcher(name).matches()) {
			return Optional.empty();
		}
		if (name.startsWith("~")) {
			name = System.getProperty("user.home") + name.substring(1);
		}
		return Optional.of(new H2Database(Path.of(name).toAbsolutePath().normalize()));
	}

	Path folder() {
		return this.base.getParent();
	}

	/**
	 * The data, the lock (which holds the auto server's address and key) and the trace.
	 */
	List<Path> files() {
		String name = this.base.getFileName().toString();
		return List.of(this.base.resolveSibling(name + ".mv.db"), this.base.resolveSibling(name + ".lock.db"),
				this.base.resolveSibling(name + ".trace.db"));
	}

}
