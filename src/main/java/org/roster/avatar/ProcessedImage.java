package org.roster.avatar;

/**
 * An avatar ready to store: square, re-encoded, without metadata.
 *
 * @param bytes the encoded image
 * @param contentType {@code image/jpeg} or {@code image/png}
 * @param extension {@code jpg} or {@code png}
 */
record ProcessedImage(byte[] bytes, String contentType, String extension) {

}
