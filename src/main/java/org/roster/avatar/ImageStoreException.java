package org.roster.avatar;

/**
 * The image store failed. Messages name the server and the step, never credentials.
 */
public class ImageStoreException extends RuntimeException {

	public ImageStoreException(String message) {
		super(message);
	}

	public ImageStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
