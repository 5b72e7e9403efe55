package org.roster.avatar;

/** An upload of more bytes than {@code roster.avatar.max-bytes}. */
public class ImageTooLargeException extends InvalidImageException {

	ImageTooLargeException(String message) {
		super(message);
	}

}
