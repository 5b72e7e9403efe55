package org.roster.web;

import java.util.Arrays;

import org.springframework.context.MessageSourceResolvable;

/**
 * A failure whose words are meant for the person who caused it: a bundle key and its
 * arguments, put into the request's language where it is answered
 * ({@link Messages#get(MessageSourceResolvable)}). The exception's own message (for logs)
 * is the key and the arguments.
 */
public abstract class TranslatableException extends RuntimeException implements MessageSourceResolvable {

	private final String key;

	private final Object[] arguments;

	protected TranslatableException(String key, Object... arguments) {
		super(key + ((arguments.length > 0) ? " " + Arrays.toString(arguments) : ""));
		this.key = key;
		this.arguments = arguments.clone();
	}

	/** The bundle key. */
	public String key() {
		return this.key;
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.key };
	}

	@Override
	public Object[] getArguments() {
		return this.arguments.clone();
	}

}
