package org.roster.account;

import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	static final String LAST_USERNAME = "roster.lastUsername";

	@GetMapping("/login")
	String login(@RequestParam(required = false) String error, @RequestParam(required = false) String suspended,
			HttpSession session, Model model) {
		if (CurrentUser.principal() != null) {
			return "redirect:/profile";
		}
		if (error != null) {
			model.addAttribute("loginError", LoginAuthenticationProvider.GENERIC_FAILURE);
		}
		if (suspended != null) {
			model.addAttribute("loginError", "This account is suspended. Contact an administrator.");
		}
		Object lastUsername = session.getAttribute(LAST_USERNAME);
		model.addAttribute("username",
				(lastUsername != null && (error != null || suspended != null)) ? lastUsername : "");
		return "login";
	}

}
