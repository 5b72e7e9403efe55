package org.roster.account;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.web.Messages;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The passkey routes' own failures as problem details, before the shared handler (whose
 * catch-all would answer them with 500).
 */
@RestControllerAdvice(assignableTypes = PasskeyController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PasskeyProblems {

	private static final Log logger = LogFactory.getLog(PasskeyProblems.class);

	private final Messages messages;

	PasskeyProblems(Messages messages) {
		this.messages = messages;
	}

	@ExceptionHandler(PasskeyException.class)
	ProblemDetail invalid(PasskeyException ex) {
		// The cause names what webauthn4j refused; the browser's data is not logged.
		logger.info("A new passkey was refused: " + ex.key()
				+ ((ex.getCause() != null) ? " (" + ex.getCause().getClass().getSimpleName() + ")" : ""));
		return Problems.of(ProblemType.INVALID_PASSKEY, ex.key());
	}

	@ExceptionHandler(PasskeyLabels.InvalidLabelException.class)
	ProblemDetail label(PasskeyLabels.InvalidLabelException ex) {
		Map<String, String> errors = new LinkedHashMap<>();
		ex.errorKeys().forEach((field, key) -> errors.put(field, this.messages.get(key)));
		return Problems.withErrors(ProblemType.VALIDATION, ProblemType.VALIDATION.defaultDetail(), errors);
	}

	@ExceptionHandler(PasskeyController.ConfirmationException.class)
	ProblemDetail unconfirmed(PasskeyController.ConfirmationException ex) {
		if (ex.wrongPassword()) {
			return Problems.withErrors(ProblemType.VALIDATION, ProblemType.VALIDATION.defaultDetail(), ex.errors());
		}
		return Problems.of(ProblemType.CONFIRMATION_REQUIRED, "problem.confirmation-required.detail");
	}

}
