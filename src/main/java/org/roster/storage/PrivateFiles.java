package org.roster.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Owner-only folders and files, set explicitly: the JVM cannot change its umask, and
 * {@code java -jar} runs with whatever umask the shell had. A file system without POSIX
 * permissions is left as it is.
 */
public final class PrivateFiles {

	static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
			PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
			PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

	private PrivateFiles() {
	}

	/**
	 * Creates a missing folder (and its missing parents) for its owner only; for an
	 * existing one open to other users, returns a warning saying what to run.
	 */
	public static Optional<String> prepareFolder(Path folder) throws IOException {
		if (!posix()) {
			Files.createDirectories(folder);
			return Optional.empty();
		}
		if (!Files.isDirectory(folder)) {
			// The attribute closes the window a chmod after creation would leave; the
			// umask
			// may still take bits away, so they are set again.
			Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
			Files.setPosixFilePermissions(folder, FOLDER);
			return Optional.empty();
		}
		Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(folder);
		if (permissions.stream().noneMatch(OTHERS::contains)) {
			return Optional.empty();
		}
		return Optional.of("The data folder " + folder + " is open to other users ("
				+ PosixFilePermissions.toString(permissions) + ") and holds the database: run chmod 700 " + folder);
	}

	/** Makes an existing file owner-only; a missing one is skipped. */
	public static void restrict(Path file) throws IOException {
		if (!posix()) {
			return;
		}
		try {
			Files.setPosixFilePermissions(file, FILE);
		}
		catch (NoSuchFileException ex) {
			// Not created (yet): the trace file appears with H2's first error only.
		}
	}

	private static boolean posix() {
		return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
	}

}
