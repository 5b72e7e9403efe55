package org.roster.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.roster.web.TranslatableException;

/**
 * Reads a CSV import: exactly what {@link UserCsv} writes (RFC 4180, UTF-8 with or
 * without a byte-order mark, the header first, a formula-neutralising apostrophe undone),
 * and what people make of it in a spreadsheet (columns in any order, any case, some left
 * out). {@code username} and {@code email} are required; {@code role} and the profile
 * columns are optional; the export's other columns (id, verification, status, times) are
 * read and ignored: an import never sets them. Any other column is refused, so a typo
 * such as {@code e-mail} does not silently drop a field.
 */
final class UserCsvReader {

	static final int MAX_ROWS = 10_000;

	static final Set<String> REQUIRED = Set.of("username", "email");

	static final List<String> PROFILE = List.of("full_name", "bio", "address", "zipcode", "phone", "contact_email",
			"website");

	static final Set<String> IGNORED = Set.of("id", "email_verified", "invited", "status", "created_at",
			"last_login_at");

	private UserCsvReader() {
	}

	/**
	 * The data rows, each with its line number in the file.
	 * @throws InvalidCsvException for what is not such a file
	 * @throws TooManyRowsException beyond {@link #MAX_ROWS}
	 */
	static List<Row> read(byte[] bytes) {
		String text = decode(bytes);
		if (text.indexOf('\0') >= 0) {
			throw new InvalidCsvException("import.file.notCsv");
		}
		if (text.isBlank()) {
			throw new InvalidCsvException("import.file.empty");
		}
		List<Row> rows = new ArrayList<>();
		try (CSVParser parser = CSVParser.parse(text, CSVFormat.RFC4180)) {
			Map<String, Integer> columns = null;
			Iterator<CSVRecord> records = parser.iterator();
			while (true) {
				// The line the next record starts on: the parser counts the line breaks
				// read.
				long line = parser.getCurrentLineNumber() + 1;
				if (!records.hasNext()) {
					break;
				}
				CSVRecord record = records.next();
				if (blank(record)) {
					continue;
				}
				if (columns == null) {
					columns = header(record);
					continue;
				}
				if (rows.size() == MAX_ROWS) {
					throw new TooManyRowsException();
				}
				rows.add(row(record, line, columns));
			}
			if (rows.isEmpty()) {
				throw new InvalidCsvException("import.file.noRows");
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			// Commons CSV's word for an unclosed quote or a stray one.
			throw new InvalidCsvException("import.file.malformed");
		}
		return rows;
	}

	private static String decode(byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new InvalidCsvException("import.file.encoding");
		}
	}

	private static Map<String, Integer> header(CSVRecord record) {
		Map<String, Integer> columns = new HashMap<>();
		for (int i = 0; i < record.size(); i++) {
			String name = record.get(i).strip().toLowerCase(Locale.ROOT);
			if (!REQUIRED.contains(name) && !"role".equals(name) && !PROFILE.contains(name)
					&& !IGNORED.contains(name)) {
				throw new InvalidCsvException("import.file.unknownColumn", name);
			}
			if (columns.put(name, i) != null) {
				throw new InvalidCsvException("import.file.duplicateColumn", name);
			}
		}
		for (String required : List.of("username", "email")) {
			if (!columns.containsKey(required)) {
				throw new InvalidCsvException("import.file.missingColumn", required);
			}
		}
		return columns;
	}

	private static Row row(CSVRecord record, long line, Map<String, Integer> columns) {
		Map<String, String> cells = new HashMap<>();
		columns.forEach((name, index) -> cells.put(name, (index < record.size()) ? cell(record.get(index)) : null));
		return new Row(line, record.size(), columns.size(), cells);
	}

	/** {@link UserCsv#neutral} undone: its apostrophe goes, anyone else's stays. */
	static String cell(String value) {
		if (value.length() > 1 && value.charAt(0) == '\'') {
			char next = value.charAt(1);
			if (next == '=' || next == '+' || next == '-' || next == '@' || next == '\t' || next == '\r') {
				return value.substring(1);
			}
		}
		return value;
	}

	private static boolean blank(CSVRecord record) {
		for (String value : record) {
			if (!value.isBlank()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * One data row: the cells by column name (null for a column the file lacks or the row
	 * left short).
	 */
	record Row(long line, int cellCount, int columnCount, Map<String, String> cells) {

		@Nullable String get(String column) {
			return this.cells.get(column);
		}

		boolean has(String column) {
			return this.cells.containsKey(column);
		}

	}

	/** Not a CSV file Roster can import; the message key says why. */
	static class InvalidCsvException extends TranslatableException {

		InvalidCsvException(String messageKey, Object... arguments) {
			super(messageKey, arguments);
		}

	}

	/** More than {@link #MAX_ROWS} rows. */
	static class TooManyRowsException extends RuntimeException {

		TooManyRowsException() {
			super("More than " + MAX_ROWS + " rows");
		}

	}

}
