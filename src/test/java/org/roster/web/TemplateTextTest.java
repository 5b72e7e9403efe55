package org.roster.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No template holds words outside the message bundles: text nodes and the {@code title},
 * {@code alt}, {@code placeholder} and {@code aria-label} attributes may hold only
 * whitespace, punctuation, symbols and digits, unless Thymeleaf replaces them
 * ({@code th:text}, {@code th:replace}... on the element or a parent). Parsed with
 * AttoParser, Thymeleaf's own HTML parser.
 */
class TemplateTextTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");

	private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert",
			"sec:authentication");

	private static final Set<String> CHECKED_ATTRIBUTES = Set.of("title", "alt", "placeholder", "aria-label");

	private static final Pattern WORD = Pattern.compile("\\p{L}");

	/** Inlined expressions, {@code [[${...}]]} and {@code [(${...})]}. */
	private static final Pattern INLINED = Pattern.compile("\\[\\[.*?]]|\\[\\(.*?\\)]", Pattern.DOTALL);

	@Test
	void everyWordComesFromTheBundles() throws IOException, ParseException {
		List<String> literals = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".html")).sorted().toList()) {
				new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(Files.readString(file),
						new LiteralFinder(TEMPLATES.relativize(file).toString(), literals));
			}
		}
		assertThat(literals).as("literal texts; move them into messages*.properties as #{...}").isEmpty();
	}

	/** The mails' plain-text templates: every word inside {@code [[#{...}]]}. */
	@Test
	void plainTextTemplatesHoldNoWordOutsideExpressions() throws IOException {
		List<String> literals = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".txt")).sorted().toList()) {
				String rest = INLINED.matcher(Files.readString(file)).replaceAll("");
				if (WORD.matcher(rest).find()) {
					literals.add(TEMPLATES.relativize(file) + ": " + rest.strip());
				}
			}
		}
		assertThat(literals).as("literal texts in plain-text templates").isEmpty();
	}

	@Test
	void theCheckFindsALiteral() throws ParseException {
		List<String> literals = new ArrayList<>();
		String html = "<p th:text=\"#{a}\">ok</p><p>Hello <b th:text=\"#{b}\">x</b></p><img alt=\"Logo\"><i title=\"·\"></i>";
		new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(html, new LiteralFinder("t.html", literals));
		assertThat(literals).containsExactly("t.html:1 text 'Hello'", "t.html:1 alt 'Logo'");
	}

	private static final class LiteralFinder extends AbstractMarkupHandler {

		private final String file;

		private final List<String> literals;

		/** Per open element: whether Thymeleaf replaces its content. */
		private final Deque<Boolean> replaced = new ArrayDeque<>();

		private boolean replacing;

		LiteralFinder(String file, List<String> literals) {
			this.file = file;
			this.literals = literals;
		}

		private boolean insideReplaced() {
			return !this.replaced.isEmpty() && this.replaced.peek();
		}

		@Override
		public void handleOpenElementStart(char[] buffer, int nameOffset, int nameLen, int line, int col) {
			this.replacing = insideReplaced();
		}

		@Override
		public void handleStandaloneElementStart(char[] buffer, int nameOffset, int nameLen, boolean minimized,
				int line, int col) {
			this.replacing = insideReplaced();
		}

		@Override
		public void handleAttribute(char[] buffer, int nameOffset, int nameLen, int nameLine, int nameCol,
				int operatorOffset, int operatorLen, int operatorLine, int operatorCol, int valueContentOffset,
				int valueContentLen, int valueOuterOffset, int valueOuterLen, int valueLine, int valueCol) {
			String name = new String(buffer, nameOffset, nameLen);
			String value = new String(buffer, valueContentOffset, valueContentLen);
			if (REPLACING.contains(name)) {
				this.replacing = true;
			}
			if (CHECKED_ATTRIBUTES.contains(name) && WORD.matcher(value).find()) {
				this.literals.add(this.file + ":" + nameLine + " " + name + " '" + value + "'");
			}
		}

		@Override
		public void handleOpenElementEnd(char[] buffer, int nameOffset, int nameLen, int line, int col) {
			this.replaced.push(this.replacing);
		}

		@Override
		public void handleAutoOpenElementEnd(char[] buffer, int nameOffset, int nameLen, int line, int col) {
			this.replaced.push(insideReplaced());
		}

		@Override
		public void handleCloseElementEnd(char[] buffer, int nameOffset, int nameLen, int line, int col) {
			this.replaced.pop();
		}

		@Override
		public void handleAutoCloseElementEnd(char[] buffer, int nameOffset, int nameLen, int line, int col) {
			this.replaced.pop();
		}

		@Override
		public void handleText(char[] buffer, int offset, int len, int line, int col) {
			String text = INLINED.matcher(new String(buffer, offset, len)).replaceAll("").strip();
			if (!insideReplaced() && WORD.matcher(text).find()) {
				this.literals.add(this.file + ":" + line + " text '" + text + "'");
			}
		}

	}

}
