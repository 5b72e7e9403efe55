package org.roster.avatar;

import java.io.IOException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.profile.ProfileNotFoundException;
import org.roster.user.UserNotFoundException;
import org.roster.web.Messages;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Avatar failures as RFC 9457 problem details, this feature's own not-found included.
 * Ordered first so that the application's catch-all does not turn them into 500s. Store
 * failures are logged with their cause and answered without it: the server's address is
 * none of the client's business. They are expected (a server down, refusing or dropping
 * the connection), so the log gets one line whose message names the server, the step and
 * the causes; the stack trace only at DEBUG.
 */
@RestControllerAdvice(assignableTypes = AvatarController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AvatarProblems {

	private static final Log logger = LogFactory.getLog(AvatarProblems.class);

	private static final String RETRY_SECONDS = "30";

	private final DataSize maxBytes;

	private final Messages messages;

	AvatarProblems(AvatarProperties properties, Messages messages) {
		this.maxBytes = properties.maxBytes();
		this.messages = messages;
	}

	@ExceptionHandler({ UserNotFoundException.class, ProfileNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return Problems.of(ProblemType.NOT_FOUND, "problem.not-found.user");
	}

	/** Two uploads for one profile at once. */
	@ExceptionHandler(ObjectOptimisticLockingFailureException.class)
	ProblemDetail concurrent(ObjectOptimisticLockingFailureException ex) {
		return Problems.of(ProblemType.STALE_VERSION);
	}

	@ExceptionHandler(InvalidImageException.class)
	ProblemDetail invalidImage(InvalidImageException ex) {
		return Problems.of(ProblemType.INVALID_IMAGE, this.messages.get(ex));
	}

	@ExceptionHandler(ImageTooLargeException.class)
	ProblemDetail imageTooLarge(ImageTooLargeException ex) {
		return Problems.of(ProblemType.IMAGE_TOO_LARGE, this.messages.get(ex));
	}

	/** Spring's multipart limit, reached before the image reaches the processor. */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ProblemDetail uploadTooLarge(MaxUploadSizeExceededException ex) {
		return Problems.of(ProblemType.IMAGE_TOO_LARGE,
				this.messages.get("problem.image-too-large.limit", AvatarLimitModel.AvatarLimit.text(this.maxBytes)));
	}

	@ExceptionHandler({ MultipartException.class, IOException.class })
	ProblemDetail unreadableUpload(Exception ex) {
		return Problems.of(ProblemType.BAD_REQUEST, "problem.bad-request.multipart");
	}

	@ExceptionHandler(ImageStoreUnavailableException.class)
	ResponseEntity<ProblemDetail> storeUnavailable(ImageStoreUnavailableException ex) {
		logOneLine("Image store unavailable: ", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_SECONDS)
			.body(Problems.of(ProblemType.IMAGE_STORE_UNAVAILABLE));
	}

	@ExceptionHandler(ImageStoreException.class)
	ProblemDetail storeFailed(ImageStoreException ex) {
		logOneLine("Image store failure: ", ex);
		return Problems.of(ProblemType.IMAGE_STORE_FAILED);
	}

	private static void logOneLine(String prefix, ImageStoreException ex) {
		logger.warn(prefix + ex.getMessage());
		if (logger.isDebugEnabled()) {
			logger.debug("Stack trace of the image store failure", ex);
		}
	}

}
