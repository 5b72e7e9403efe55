package org.roster.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.roster.web.CsvCells;

import org.springframework.stereotype.Component;

/**
 * The admin list as CSV (RFC 4180, UTF-8, optionally with a byte-order mark for
 * spreadsheet apps): every user the filter matches, in the list's order, with the
 * profile's columns, written as the rows arrive, each cell neutralised
 * ({@link CsvCells}).
 */
@Component
class UserCsv {

	static final List<String> HEADER = List.of("id", "username", "email", "email_verified", "invited", "role", "status",
			"created_at", "last_login_at", "full_name", "bio", "address", "zipcode", "phone", "contact_email",
			"website");

	private final UserDirectory directory;

	UserCsv(UserDirectory directory) {
		this.directory = directory;
	}

	void write(UserListQuery query, boolean byteOrderMark, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		if (byteOrderMark) {
			writer.write('\uFEFF');
		}
		CSVPrinter csv = new CSVPrinter(writer,
				CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
		this.directory.forEachMatching(query, (row) -> {
			try {
				csv.printRecord(cells(row));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	private static List<String> cells(ResultSet row) throws SQLException {
		List<String> cells = new ArrayList<>(HEADER.size());
		cells.add(String.valueOf(row.getLong("id")));
		cells.add(CsvCells.neutral(row.getString("username")));
		cells.add(CsvCells.neutral(row.getString("email")));
		cells.add(String.valueOf(row.getBoolean("email_verified")));
		cells.add(String.valueOf(row.getBoolean("invited")));
		cells.add(row.getString("role"));
		cells.add(row.getString("status"));
		cells.add(instant(row, "created_at"));
		cells.add(instant(row, "last_login_at"));
		for (String column : List.of("full_name", "bio", "address", "zipcode", "phone", "contact_email", "website")) {
			cells.add(CsvCells.neutral(row.getString(column)));
		}
		return cells;
	}

	private static String instant(ResultSet row, String column) throws SQLException {
		OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant().toString() : "";
	}

}
