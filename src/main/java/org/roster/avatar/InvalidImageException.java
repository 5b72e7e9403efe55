package org.roster.avatar;

import org.roster.web.TranslatableException;

/**
 * An upload that is not an acceptable avatar: a wrong format, size in pixels or damaged
 * data (or too many bytes: {@link ImageTooLargeException}), in words for the person who
 * uploaded it.
 */
public class InvalidImageException extends TranslatableException {

	InvalidImageException(String key, Object... arguments) {
		super(key, arguments);
	}

}
