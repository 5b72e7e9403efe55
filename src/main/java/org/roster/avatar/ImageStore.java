package org.roster.avatar;

/**
 * Where avatar files live. Files are addressed by the URL that {@link #put} returns; that
 * URL is what the profile stores, so it never carries credentials.
 */
public interface ImageStore {

	/**
	 * Stores a file under a new name that the store draws at random, creating missing
	 * directories. Since nobody else can write that name, the store may retry a broken
	 * transfer.
	 * @param directory a relative path of {@code [A-Za-z0-9._-]} segments, e.g.
	 * {@code avatars/42}; empty for the top
	 * @param extension the file name's extension, without the dot, e.g. {@code png}
	 * @return the URL by which the file can be read or deleted later
	 * @throws ImageStoreUnavailableException if the store cannot be reached or refuses
	 * the login
	 * @throws ImageStoreException if the store fails otherwise
	 */
	String putNew(String directory, String extension, byte[] bytes, String contentType);

	/**
	 * Stores a file under the caller's name, replacing a file of that name, creating
	 * missing directories.
	 * @param objectName a relative path of {@code [A-Za-z0-9._-]} segments, e.g.
	 * {@code avatars/42/<uuid>.png}; no segment may start with a dot
	 * @return the URL by which the file can be read or deleted later
	 * @throws ImageStoreUnavailableException if the store cannot be reached or refuses
	 * the login
	 * @throws ImageStoreException if the store fails otherwise
	 */
	String put(String objectName, byte[] bytes, String contentType);

	/**
	 * Reads a file back.
	 * @throws ImageNotFoundException if there is no such file
	 * @throws IllegalArgumentException if {@code url} is not {@linkplain #owns owned}
	 */
	StoredImage get(String url);

	/**
	 * Deletes a file; a file that is already gone is not an error.
	 * @throws IllegalArgumentException if {@code url} is not {@linkplain #owns owned}
	 */
	void delete(String url);

	/**
	 * Whether {@code url} names a file inside this store. The application reads and
	 * deletes only such URLs, so a tampered profile cannot make it fetch or delete
	 * anything else.
	 */
	boolean owns(String url);

	/**
	 * Probes the store end to end: writes, reads back and deletes a small file.
	 * @return a one-line report for people
	 * @throws ImageStoreException (or its subclass) naming the step that failed
	 */
	String check();

}
