package org.roster.avatar;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Avatar failures as RFC 9457 problem details. Ordered first so that the application's
 * catch-all does not turn them into 500s. Store failures are logged with their cause and
 * answered without it: the server's address is none of the client's business. They are
 * expected (a server down, refusing or dropping the connection), so the log gets one line
 * whose message names the server, the step and the causes; the stack trace only at DEBUG.
 */
@RestControllerAdvice(assignableTypes = AvatarController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AvatarProblems {

	private static final Log logger = LogFactory.getLog(AvatarProblems.class);

	private static final String RETRY_SECONDS = "30";

	private final DataSize maxBytes;

	AvatarProblems(AvatarProperties properties) {
		this.maxBytes = properties.maxBytes();
	}

	@ExceptionHandler(InvalidImageException.class)
	ProblemDetail invalidImage(InvalidImageException ex) {
		boolean tooLarge = ex.getStatus() == HttpStatus.PAYLOAD_TOO_LARGE;
		return problem(ex.getStatus(), tooLarge ? "Image too large" : "Invalid image", ex.getMessage());
	}

	/** Spring's multipart limit, reached before the image reaches the processor. */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail uploadTooLarge(MaxUploadSizeExceededException ex) {
		return problem(HttpStatus.PAYLOAD_TOO_LARGE, "Image too large",
				"The image is larger than " + AvatarLimitModel.AvatarLimit.text(this.maxBytes));
	}

	@ExceptionHandler({ MultipartException.class, IOException.class })
	ProblemDetail unreadableUpload(Exception ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid upload",
				"Send the image as a multipart/form-data request with the field \"image\"");
	}

	@ExceptionHandler(ImageStoreUnavailableException.class)
	ResponseEntity<ProblemDetail> storeUnavailable(ImageStoreUnavailableException ex) {
		logOneLine("Image store unavailable: ", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_SECONDS)
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Image store unavailable",
					"The image store cannot be reached right now. Try again later."));
	}

	@ExceptionHandler(ImageStoreException.class)
	ProblemDetail storeFailed(ImageStoreException ex) {
		logOneLine("Image store failure: ", ex);
		return problem(HttpStatus.BAD_GATEWAY, "Image store failed", "The image store could not complete the request.");
	}

	private static void logOneLine(String prefix, ImageStoreException ex) {
		logger.warn(prefix + ex.getMessage());
		if (logger.isDebugEnabled()) {
			logger.debug("Stack trace of the image store failure", ex);
		}
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
