package org.roster.admin;

import java.io.IOException;
import java.util.Map;

import org.roster.account.InvalidAccountException;
import org.roster.user.DuplicateUserException;
import org.roster.web.Messages;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * The CSV import's failures as problem details, before the shared handler (whose
 * catch-all would answer them with 500).
 */
@RestControllerAdvice(assignableTypes = UserImportController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportProblems {

	private final Messages messages;

	ImportProblems(Messages messages) {
		this.messages = messages;
	}

	@ExceptionHandler(UserCsvReader.InvalidCsvException.class)
	ProblemDetail invalid(UserCsvReader.InvalidCsvException ex) {
		return Problems.of(ProblemType.INVALID_CSV, this.messages.get(ex));
	}

	@ExceptionHandler({ UserCsvReader.TooManyRowsException.class, MaxUploadSizeExceededException.class })
	ProblemDetail tooLarge(Exception ex) {
		return Problems.of(ProblemType.IMPORT_TOO_LARGE,
				this.messages.get("import.file.tooLarge", UserCsvReader.MAX_ROWS));
	}

	@ExceptionHandler(UserImport.ImportChangedException.class)
	ProblemDetail changed(UserImport.ImportChangedException ex) {
		return Problems.of(ProblemType.IMPORT_CHANGED);
	}

	@ExceptionHandler(UserImport.ImportErrorsException.class)
	ProblemDetail rowErrors(UserImport.ImportErrorsException ex) {
		return Problems.withErrors(ProblemType.VALIDATION, "import.file.rowErrors", ex.errors());
	}

	/** A username or address taken between the plan and the insert: nothing is kept. */
	@ExceptionHandler(DuplicateUserException.class)
	ProblemDetail duplicate(DuplicateUserException ex) {
		ProblemType type = "username".equals(ex.getField()) ? ProblemType.USERNAME_TAKEN : ProblemType.EMAIL_TAKEN;
		return Problems.withErrors(type, type.defaultDetail(), Map.of(ex.getField(), "validation.taken"));
	}

	@ExceptionHandler(InvalidAccountException.class)
	ProblemDetail invalidAccount(InvalidAccountException ex) {
		return Problems.withErrors(ProblemType.VALIDATION, ProblemType.VALIDATION.defaultDetail(), ex.errors());
	}

	/** An upload that could not be read (not multipart, cut off). */
	@ExceptionHandler(IOException.class)
	ProblemDetail unreadable(IOException ex) {
		return Problems.of(ProblemType.BAD_REQUEST);
	}

}
