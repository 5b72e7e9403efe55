package org.roster.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	static final String LAST_USERNAME = "roster.lastUsername";

	@GetMapping("/login")
	String login(HttpServletRequest request, HttpSession session, Model model) {
		// Flags without values (?error, ?suspended): present or not.
		boolean error = request.getParameterMap().containsKey("error");
		boolean suspended = request.getParameterMap().containsKey("suspended");
		if (CurrentUser.principal() != null) {
			return "redirect:/profile";
		}
		if (error) {
			model.addAttribute("loginError", LoginAuthenticationProvider.GENERIC_FAILURE);
		}
		if (suspended) {
			model.addAttribute("loginError", "This account is suspended. Contact an administrator.");
		}
		Object lastUsername = session.getAttribute(LAST_USERNAME);
		model.addAttribute("username", (lastUsername != null && (error || suspended)) ? lastUsername : "");
		return "login";
	}

}
