package org.roster.avatar;

/**
 * An avatar as the browser gets it.
 *
 * @param bytes the image
 * @param contentType its media type
 * @param etag a quoted entity tag that changes whenever the image does
 */
public record ServedImage(byte[] bytes, String contentType, String etag) {

}
