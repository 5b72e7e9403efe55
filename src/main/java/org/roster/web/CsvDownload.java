package org.roster.web;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The answer of a CSV export: UTF-8 {@code text/csv}, an attachment named after what it
 * holds and the day, its rows written as they are read.
 */
public final class CsvDownload {

	private CsvDownload() {
	}

	/** {@code name}: the file's name before the date, e.g. {@code roster-users}. */
	public static ResponseEntity<StreamingResponseBody> of(String name, StreamingResponseBody rows) {
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name + "-" + LocalDate.now() + ".csv").build().toString())
			.body(rows);
	}

}
