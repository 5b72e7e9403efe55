package org.roster.web;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * User-facing text from the message bundles ({@code messages*.properties}) in the
 * language of the current request (the {@code LocaleResolver}'s choice); outside a
 * request, such as in {@code ./manage}, the JVM's default language.
 */
@Component
public class Messages {

	private final MessageSource source;

	public Messages(MessageSource source) {
		this.source = source;
	}

	/** The text of a key; arguments fill {@code {0}}, {@code {1}}... */
	public String get(String key, Object... args) {
		return this.source.getMessage(key, args, LocaleContextHolder.getLocale());
	}

	/**
	 * The text of a key with its arguments, such as a {@link TranslatableException}'s.
	 */
	public String get(MessageSourceResolvable resolvable) {
		return this.source.getMessage(resolvable, LocaleContextHolder.getLocale());
	}

}
