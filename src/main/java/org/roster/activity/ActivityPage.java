package org.roster.activity;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The admins' "Activity" page; the same URL's JSON and CSV are
 * {@link ActivityController}.
 */
@Controller
class ActivityPage {

	private final ActivityEvents events;

	ActivityPage(ActivityEvents events) {
		this.events = events;
	}

	@GetMapping("/activity")
	@PreAuthorize("hasRole('ADMIN')")
	String page(@ModelAttribute ActivityParams params, Model model) {
		ActivityQuery query = params.toQuery();
		model.addAttribute("query", query);
		model.addAttribute("page", this.events.page(query));
		model.addAttribute("actions", List.of(Action.values()));
		return "activity";
	}

	/** A bad filter in the address bar gets the 400 error page. */
	@ExceptionHandler(BadFilterException.class)
	void badFilter(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}
