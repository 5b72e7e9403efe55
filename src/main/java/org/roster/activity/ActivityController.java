package org.roster.activity;

import org.roster.web.CsvDownload;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /activity} as JSON ({@code Accept: application/json}: {@code {items, next}})
 * and as CSV ({@code Accept: text/csv}, or {@code format=csv} for the page's link; the
 * cursor ignored: all events of the filter). The page is {@link ActivityPage}. Read only:
 * no route changes or deletes an event.
 */
@RestController
class ActivityController {

	private final ActivityEvents events;

	private final ActivityCsv csv;

	ActivityController(ActivityEvents events, ActivityCsv csv) {
		this.events = events;
		this.csv = csv;
	}

	@GetMapping(path = "/activity", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	ActivityEvents.Page list(@ModelAttribute ActivityParams params) {
		return this.events.page(params.toQuery());
	}

	@GetMapping(path = "/activity", produces = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<StreamingResponseBody> export(@ModelAttribute ActivityParams params,
			@RequestParam(defaultValue = "false") boolean bom) {
		ActivityQuery query = params.toQuery();
		return CsvDownload.of("roster-activity", (out) -> this.csv.write(query, bom, out));
	}

	@GetMapping(path = "/activity", params = "format=csv")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<StreamingResponseBody> exportLink(@ModelAttribute ActivityParams params,
			@RequestParam(defaultValue = "false") boolean bom) {
		return export(params, bom);
	}

}
