package org.roster.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The admin console's user table as HTML; the same URL with
 * {@code Accept: application/json} is in {@link UserApiController}.
 */
@Controller
class UserListPage {

	private final UserDirectory directory;

	UserListPage(UserDirectory directory) {
		this.directory = directory;
	}

	@GetMapping("/user_list")
	@PreAuthorize("hasRole('ADMIN')")
	String list(@ModelAttribute UserListParams params, Model model) {
		UserListQuery query = params.toQuery();
		model.addAttribute("query", query);
		model.addAttribute("result", this.directory.find(query));
		return "user_list";
	}

	/** A bad parameter in the address bar gets the 400 error page. */
	@ExceptionHandler(BadQueryException.class)
	void badQuery(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}
