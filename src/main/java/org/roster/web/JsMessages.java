package org.roster.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.stereotype.Component;

/**
 * The texts the browser's scripts show, for the layout's {@code roster-messages} meta tag
 * (read by {@code static/js/i18n.js}): the {@code js.*} keys of the bundles, and the few
 * words pages and scripts share (roles, statuses, actions), in the page's language, left
 * unformatted so the script fills {@code {0}} itself, and the password strength hints of
 * zxcvbn (the page's script speaks English) translated by the bundles of zxcvbn4j, the
 * server's copy of the same algorithm.
 */
@Component("jsMessages")
public class JsMessages {

	static final List<String> PREFIXES = List.of("js.", "role.", "status.", "action.", "password.strength.");

	private static final String ZXCVBN_BUNDLE = "com/nulabinc/zxcvbn/messages";

	private final MessageSource source;

	private final JsonMapper json;

	private final List<String> keys;

	private final Map<Locale, String> byLanguage = new ConcurrentHashMap<>();

	JsMessages(MessageSource source, JsonMapper json) {
		this.source = source;
		this.json = json;
		this.keys = englishBundle().stringPropertyNames().stream().filter(JsMessages::isExported).sorted().toList();
	}

	static boolean isExported(String key) {
		return PREFIXES.stream().anyMatch(key::startsWith);
	}

	/** The JSON object {@code {texts: {key: text}, passwordHints: {english: text}}}. */
	public String json(Locale locale) {
		Locale language = (LocaleConfig.supported(locale) != null) ? LocaleConfig.supported(locale) : Locale.ENGLISH;
		return this.byLanguage.computeIfAbsent(language, this::render);
	}

	private String render(Locale language) {
		Map<String, String> texts = new LinkedHashMap<>();
		this.keys.forEach((key) -> texts.put(key, this.source.getMessage(key, null, key, language)));
		return this.json.writeValueAsString(Map.of("texts", texts, "passwordHints", passwordHints(language)));
	}

	/**
	 * zxcvbn's English hint (without its final stop, as the script writes it) → the
	 * language's.
	 */
	private static Map<String, String> passwordHints(Locale language) {
		ResourceBundle.Control exact = ResourceBundle.Control
			.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
		ResourceBundle english = ResourceBundle.getBundle(ZXCVBN_BUNDLE, Locale.ROOT, exact);
		ResourceBundle translated;
		try {
			translated = ResourceBundle.getBundle(ZXCVBN_BUNDLE, language, exact);
		}
		catch (MissingResourceException ex) {
			translated = english;
		}
		Map<String, String> hints = new LinkedHashMap<>();
		for (String key : english.keySet()) {
			hints.put(withoutStop(english.getString(key)), translated.getString(key));
		}
		return hints;
	}

	private static String withoutStop(String text) {
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	private static Properties englishBundle() {
		try {
			return PropertiesLoaderUtils.loadProperties(
					new EncodedResource(new ClassPathResource("messages.properties"), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("messages.properties is missing from the application", ex);
		}
	}

}
