package org.roster.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

	/**
	 * The scripts' texts are keys, each in the bundles and sent to the page (a key the
	 * page lacks would show as the key itself).
	 */
	@Test
	void everyKeyTheScriptsUseIsInTheBundlesAndSentToThePage() throws IOException {
		Set<String> english = load("messages.properties").stringPropertyNames();
		Pattern quotedKey = Pattern.compile("'((?:js|role|status|action|password)\\.[A-Za-z0-9.]+)'");
		Set<String> used = new TreeSet<>();
		try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/static/js"))) {
			for (Path script : scripts.filter((path) -> path.toString().endsWith(".js")).toList()) {
				quotedKey.matcher(Files.readString(script)).results().map((match) -> match.group(1)).forEach(used::add);
			}
		}
		assertThat(used).as("keys used by the scripts").hasSizeGreaterThan(40);
		assertThat(used).as("keys the scripts use that no bundle has").isSubsetOf(english);
		assertThat(used).as("keys the scripts use that the page is not sent").allMatch(JsMessages::isExported);
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
