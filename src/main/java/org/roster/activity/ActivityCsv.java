package org.roster.activity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

import org.roster.web.CsvCells;

import org.springframework.stereotype.Component;

/**
 * The filtered activity log as CSV (RFC 4180, UTF-8, optionally with a byte-order mark),
 * newest first, written as the rows arrive; every text cell neutralised
 * ({@link CsvCells}).
 */
@Component
class ActivityCsv {

	static final List<String> HEADER = List.of("time", "actor", "actor_id", "action", "user", "user_id", "outcome",
			"address", "user_agent", "details");

	private final ActivityEvents events;

	private final JsonMapper json;

	ActivityCsv(ActivityEvents events, JsonMapper json) {
		this.events = events;
		this.json = json;
	}

	void write(ActivityQuery query, boolean byteOrderMark, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		if (byteOrderMark) {
			writer.write('\uFEFF');
		}
		CSVPrinter csv = new CSVPrinter(writer,
				CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
		this.events.forEach(query, (event) -> {
			try {
				csv.printRecord(event.time().toString(), CsvCells.neutral(event.actor()), text(event.actorId()),
						event.action(), CsvCells.neutral(event.target()), text(event.targetId()), event.outcome(),
						CsvCells.neutral(event.address()), CsvCells.neutral(event.userAgent()),
						event.details().isEmpty() ? ""
								: CsvCells.neutral(this.json.writeValueAsString(event.details())));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	private static String text(Long value) {
		return (value != null) ? value.toString() : "";
	}

}
