package org.roster.activity;

import java.util.Map;

import org.roster.web.Messages;
import org.roster.web.ProblemType;
import org.roster.web.Problems;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The problem details of the activity routes' JSON and CSV answers. */
@RestControllerAdvice(assignableTypes = ActivityController.class)
class ActivityProblems {

	private final Messages messages;

	ActivityProblems(Messages messages) {
		this.messages = messages;
	}

	@ExceptionHandler(BadFilterException.class)
	ProblemDetail badFilter(BadFilterException ex) {
		String reason = this.messages.get(ex);
		return Problems.withErrors(ProblemType.INVALID_QUERY,
				this.messages.get("problem.invalid-query.field", ex.field(), reason), Map.of(ex.field(), reason));
	}

}
