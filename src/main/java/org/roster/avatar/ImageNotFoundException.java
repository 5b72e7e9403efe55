package org.roster.avatar;

/**
 * The store has no file at the given URL.
 */
public class ImageNotFoundException extends ImageStoreException {

	public ImageNotFoundException(String message) {
		super(message);
	}

}
