package org.roster.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message key exists in every language (the model is Spring PetClinic's
 * I18nPropertiesSyncTest): a key added to one bundle only would show English, or the key
 * itself, to the other language's visitors.
 */
class I18nBundlesTest {

	private static final String[] LANGUAGES = { "de" };

	@Test
	void everyLanguageHasEveryKeyAndNoOther() throws IOException {
		Set<String> english = load("messages.properties").stringPropertyNames();
		for (String language : LANGUAGES) {
			Set<String> translated = load("messages_" + language + ".properties").stringPropertyNames();
			Set<String> missing = new TreeSet<>(english);
			missing.removeAll(translated);
			Set<String> extra = new TreeSet<>(translated);
			extra.removeAll(english);
			assertThat(missing).as("keys missing in messages_%s.properties", language).isEmpty();
			assertThat(extra).as("keys of messages_%s.properties that English lacks", language).isEmpty();
		}
	}

	@Test
	void noMessageIsEmpty() throws IOException {
		for (String bundle : new String[] { "messages.properties", "messages_de.properties" }) {
			Properties messages = load(bundle);
			assertThat(messages.stringPropertyNames()).as("empty messages in %s", bundle)
				.filteredOn((key) -> messages.getProperty(key).isBlank())
				.isEmpty();
		}
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = I18nBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
