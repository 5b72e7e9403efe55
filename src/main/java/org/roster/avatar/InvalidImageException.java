package org.roster.avatar;

/**
 * An upload that is not an acceptable avatar: a wrong format, size in pixels or damaged
 * data (or too many bytes: {@link ImageTooLargeException}). The message is meant for the
 * person who uploaded it.
 */
public class InvalidImageException extends RuntimeException {

	InvalidImageException(String message) {
		super(message);
	}

}
