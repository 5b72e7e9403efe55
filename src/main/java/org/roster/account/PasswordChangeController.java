package org.roster.account;

import jakarta.servlet.http.HttpSession;

import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing one's password needs the current one, follows the shared policy and signs out
 * every other session of the user.
 */
@Controller
class PasswordChangeController {

	private final UserService users;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final SessionRevoker sessions;

	PasswordChangeController(UserService users, PasswordPolicy policy, PasswordEncoder encoder,
			SessionRevoker sessions) {
		this.users = users;
		this.policy = policy;
		this.encoder = encoder;
		this.sessions = sessions;
	}

	@PostMapping("/profile/password")
	String change(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String newPasswordConfirm, HttpSession session,
			RedirectAttributes redirect) {
		RosterPrincipal principal = CurrentUser.require();
		User user = this.users.get(principal.id());
		String problem = null;
		if (currentPassword.length() > PasswordPolicy.MAX_LENGTH
				|| !this.encoder.matches(currentPassword, user.getPasswordHash())) {
			problem = "The current password is not right.";
		}
		else if (!newPassword.equals(newPasswordConfirm)) {
			problem = "The two new passwords differ.";
		}
		else {
			problem = this.policy.check(newPassword, user.getUsername(), user.getEmail()).orElse(null);
		}
		if (problem != null) {
			redirect.addFlashAttribute("flashError", "Password not changed: " + problem);
			return "redirect:/profile";
		}
		this.users.changePasswordHash(user.getId(), this.encoder.encode(newPassword));
		int ended = this.sessions.revokeAllExcept(user.getUsername(), session.getId());
		redirect.addFlashAttribute("flash", "Password changed."
				+ ((ended > 0) ? " Signed out of " + ended + " other session" + ((ended > 1) ? "s" : "") + "." : ""));
		return "redirect:/profile";
	}

}
