package org.roster.mail;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.roster.web.PublicUrl;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A message's subject, text and HTML from {@code templates/mail/<template>.txt} and
 * {@code .html} in the recipient's language. The HTML has no remote images, no tracking
 * and inline styles only (mail programs drop style sheets).
 */
@Component
class MailRenderer {

	private final ITemplateEngine templates;

	private final MessageSource messages;

	private final PublicUrl publicUrl;

	MailRenderer(ITemplateEngine templates, MessageSource messages, PublicUrl publicUrl) {
		this.templates = templates;
		this.messages = messages;
		this.publicUrl = publicUrl;
	}

	/** {@code link} and {@code validFor} (how long it works) are null without a link. */
	RenderedMail render(String template, Locale language, Map<String, String> params, @Nullable String link,
			@Nullable Duration validFor) {
		Context context = new Context(language);
		context.setVariable("params", params);
		context.setVariable("link", link);
		context.setVariable("validFor", (validFor != null) ? text(validFor, language) : null);
		context.setVariable("siteUrl", this.publicUrl.link("/"));
		context.setVariable("signInUrl", this.publicUrl.link("/login"));
		String subject = this.messages.getMessage("mail." + template + ".subject", null, language);
		return new RenderedMail(subject, this.templates.process("mail/" + template + ".txt", context),
				this.templates.process("mail/" + template, context));
	}

	/** "30 minutes", "48 hours", "7 days": the largest unit that says it exactly. */
	private String text(Duration duration, Locale language) {
		if (duration.toDaysPart() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
			return this.messages.getMessage("mail.validFor.days", new Object[] { duration.toDays() }, language);
		}
		if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
			return this.messages.getMessage("mail.validFor.hours", new Object[] { duration.toHours() }, language);
		}
		long minutes = Math.max(1, duration.toMinutes());
		return this.messages.getMessage("mail.validFor.minutes", new Object[] { minutes }, language);
	}

	record RenderedMail(String subject, String text, String html) {
	}

}
