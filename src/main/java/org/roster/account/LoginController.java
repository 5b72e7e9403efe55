package org.roster.account;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
class LoginController {

	/** Where a failed sign-in is forwarded to, within the same request. */
	static final String FAILED = "/login/failed";

	/** Request attribute with the failure's message key. */
	static final String FAILURE = "roster.loginFailure";

	@GetMapping("/login")
	String login(Model model) {
		if (CurrentUser.principal() != null) {
			return "redirect:/profile";
		}
		model.addAttribute("username", "");
		return "login";
	}

	/** The sign-in page again, with the failure and the username that was typed. */
	@RequestMapping(FAILED)
	String failed(HttpServletRequest request, Model model) {
		Object failure = request.getAttribute(FAILURE);
		String username = request.getParameter("username");
		model.addAttribute("loginError", (failure != null) ? failure : LoginAuthenticationProvider.GENERIC_FAILURE);
		model.addAttribute("username", (failure != null && username != null) ? username : "");
		return "login";
	}

}
