package org.roster.avatar;

import org.springframework.http.HttpStatus;

/**
 * An upload that is not an acceptable avatar, with the HTTP status that says why: 400 for
 * a wrong format, size in pixels or damaged data, 413 for too many bytes. The message is
 * meant for the person who uploaded it.
 */
public class InvalidImageException extends RuntimeException {

	private final HttpStatus status;

	InvalidImageException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus getStatus() {
		return this.status;
	}

}
