package org.roster.profile;

/**
 * The app-relative address browsers load an avatar from. The stored FTP URL never reaches
 * the browser; a short fingerprint of it changes with every new upload, so caches
 * refresh.
 */
public final class AvatarPaths {

	private AvatarPaths() {
	}

	public static String of(long userId, String storedImage) {
		String path = "/users/" + userId + "/image";
		return (storedImage != null) ? path + "?v=" + Integer.toHexString(storedImage.hashCode()) : path;
	}

}
