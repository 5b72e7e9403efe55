package org.roster.avatar;

/** An upload of more bytes than {@code roster.avatar.max-bytes}. */
public class ImageTooLargeException extends InvalidImageException {

	ImageTooLargeException(String limit) {
		super("problem.image-too-large.limit", limit);
	}

}
