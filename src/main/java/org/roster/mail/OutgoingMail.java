package org.roster.mail;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One message to send: the templates {@code templates/mail/<template>.html} and
 * {@code .txt} (subject {@code mail.<template>.subject}) in {@code language}, with
 * {@code params} (never a secret: they are stored until the message is sent) and, when
 * {@code link} is given, a one-time link made as the message is sent (the template's
 * {@code link}).
 */
public record OutgoingMail(String template, String recipient, Locale language, @Nullable Long userId,
		Map<String, String> params, @Nullable Link link) {

	public OutgoingMail {
		params = Map.copyOf(params);
	}

	/** A message without a link. */
	public static OutgoingMail notice(String template, String recipient, Locale language, @Nullable Long userId,
			Map<String, String> params) {
		return new OutgoingMail(template, recipient, language, userId, params, null);
	}

	/** A message with a one-time link of {@code purpose} to {@code path} for the user. */
	public static OutgoingMail withLink(String template, String recipient, Locale language, long userId,
			Map<String, String> params, LinkPurpose purpose, String path) {
		return new OutgoingMail(template, recipient, language, userId, params, new Link(purpose, path, null));
	}

	/**
	 * The link: its purpose, the page it opens ({@code ?token=} is added) and, for an
	 * address change, the new address it confirms.
	 */
	public record Link(LinkPurpose purpose, String path, @Nullable String email) {
	}

}
