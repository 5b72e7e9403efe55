package org.roster.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import org.roster.account.CurrentUser;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /users/import}: the admin list's CSV import, a dry run first
 * ({@code ?dryRun=true}), then the confirmation with the same file and the dry run's
 * {@code planId} ({@link UserImport}). Sessions only: no API token reaches it.
 * <p>
 * One mapping, with {@code dryRun} read from the query string: a {@code params}
 * condition, or any request parameter read before the file, makes Tomcat parse the whole
 * body for parameters, and an upload over the limit then ends in Tomcat's own 413 page
 * instead of reaching {@link ImportProblems}.
 */
@RestController
class UserImportController {

	private final UserImport imports;

	UserImportController(UserImport imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/users/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<ImportReport> upload(@RequestParam("file") MultipartFile file, HttpServletRequest request)
			throws IOException, MissingServletRequestParameterException {
		byte[] bytes = file.getBytes();
		String dryRun = UriComponentsBuilder.fromUriString("/?" + String.valueOf(request.getQueryString()))
			.build()
			.getQueryParams()
			.getFirst("dryRun");
		if ("true".equals(dryRun)) {
			return ResponseEntity.ok(this.imports.preview(bytes));
		}
		String planId = request.getParameter("planId");
		if (planId == null) {
			throw new MissingServletRequestParameterException("planId", "String");
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.imports.confirm(CurrentUser.require(), bytes, planId, LocaleContextHolder.getLocale()));
	}

}
