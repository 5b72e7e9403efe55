package org.roster.admin;

import java.io.IOException;

import org.roster.account.CurrentUser;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /users/import}: the admin list's CSV import, a dry run first
 * ({@code dryRun=true}), then the confirmation with the same file and the dry run's
 * {@code planId} ({@link UserImport}). Sessions only: no API token reaches it.
 */
@RestController
class UserImportController {

	private final UserImport imports;

	UserImportController(UserImport imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/users/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, params = "dryRun=true")
	@PreAuthorize("hasRole('ADMIN')")
	ImportReport preview(@RequestParam("file") MultipartFile file) throws IOException {
		return this.imports.preview(file.getBytes());
	}

	@PostMapping(path = "/users/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, params = "!dryRun")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<ImportReport> confirm(@RequestParam("file") MultipartFile file, @RequestParam String planId)
			throws IOException {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(this.imports.confirm(CurrentUser.require(), file.getBytes(), planId,
					LocaleContextHolder.getLocale()));
	}

}
