package org.roster.avatar;

import org.jspecify.annotations.Nullable;

/**
 * The app-relative address browsers load an avatar from. The stored FTP URL never reaches
 * the browser; a short fingerprint of it changes with every new upload, so caches
 * refresh.
 */
public final class AvatarPaths {

	static final String PICTURES = "/pictures/";

	private AvatarPaths() {
	}

	public static String of(long userId, @Nullable String storedImage) {
		String path = "/users/" + userId + "/image";
		return (storedImage != null) ? path + "?v=" + version(storedImage) : path;
	}

	/**
	 * The address applications show a user's avatar from: no session needed (an image in
	 * another site's page is sent no Roster cookie), named by the opaque {@code sub} they
	 * already know.
	 */
	public static String picture(String publicId, String storedImage) {
		return PICTURES + publicId + "?v=" + version(storedImage);
	}

	/** The fingerprint of a stored image that versioned addresses carry. */
	public static String version(String storedImage) {
		return Integer.toHexString(storedImage.hashCode());
	}

}
