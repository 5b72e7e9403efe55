package org.roster.avatar;

/**
 * A file read from the {@link ImageStore}.
 *
 * @param bytes the file's content
 * @param contentType its media type, e.g. {@code image/png}
 */
public record StoredImage(byte[] bytes, String contentType) {

}
