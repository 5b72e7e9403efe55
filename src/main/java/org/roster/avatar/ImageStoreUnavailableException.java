package org.roster.avatar;

/**
 * The image store cannot be used at all right now: it is down, unreachable, or refuses
 * the login. Callers may retry later (the web layer answers 503).
 */
public class ImageStoreUnavailableException extends ImageStoreException {

	public ImageStoreUnavailableException(String message) {
		super(message);
	}

	public ImageStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
