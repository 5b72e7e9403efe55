package org.roster.avatar;

/**
 * An avatar as the browser gets it.
 *
 * @param bytes the image
 * @param contentType its media type
 * @param etag a quoted entity tag that changes whenever the image does
 * @param version the fingerprint that versioned addresses of this image carry (see
 * {@link AvatarPaths}), or {@code null} for the default image
 */
public record ServedImage(byte[] bytes, String contentType, String etag, String version) {

	/** Whether the request named this very image, so it can be cached for good. */
	boolean isVersion(String requested) {
		return this.version != null && this.version.equals(requested);
	}

}
