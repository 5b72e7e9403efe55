package org.roster.account;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpSession;

import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Messages;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changing one's password needs the current one (checked like a sign-in: wrong ones count
 * toward the lockout), follows the shared policy and signs out every other session of the
 * user; reset links sent before stop working and the owner gets a notice by mail. Errors
 * go back to the form, one per field.
 */
@Controller
class PasswordChangeController {

	static final String ERRORS = "passwordErrors";

	private final UserService users;

	private final AccountService accounts;

	private final PasswordResets resets;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final SessionRevoker sessions;

	private final Messages messages;

	PasswordChangeController(UserService users, AccountService accounts, PasswordResets resets, PasswordPolicy policy,
			PasswordEncoder encoder, SessionRevoker sessions, Messages messages) {
		this.users = users;
		this.accounts = accounts;
		this.resets = resets;
		this.policy = policy;
		this.encoder = encoder;
		this.sessions = sessions;
		this.messages = messages;
	}

	@PostMapping("/profile/password")
	String change(@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword,
			@RequestParam(defaultValue = "") String newPasswordConfirm, HttpSession session,
			RedirectAttributes redirect) {
		User user = this.users.get(CurrentUser.require().id());
		Map<String, String> errors = errors(user, currentPassword, newPassword, newPasswordConfirm);
		if (!errors.isEmpty()) {
			redirect.addFlashAttribute(ERRORS, errors);
			return "redirect:/profile#password-form";
		}
		this.resets.changePassword(user, this.encoder.encode(newPassword));
		int ended = this.sessions.revokeAllExcept(user.getUsername(), session.getId());
		redirect.addFlashAttribute("flash", this.messages.get("password.changed", ended));
		return "redirect:/profile";
	}

	/**
	 * The cheap checks first; the current password last, since a wrong one counts as a
	 * failed sign-in.
	 */
	private Map<String, String> errors(User user, String current, String wanted, String confirm) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (current.isEmpty()) {
			errors.put("currentPassword", this.messages.get("password.current.required"));
		}
		if (wanted.isEmpty()) {
			errors.put("newPassword", this.messages.get("password.new.required"));
		}
		else if (wanted.equals(current)) {
			errors.put("newPassword", this.messages.get("password.new.same"));
		}
		else {
			this.policy.check(wanted, user.getUsername(), user.getEmail())
				.ifPresent((problem) -> errors.put("newPassword", problem));
		}
		if (confirm.isEmpty()) {
			errors.put("newPasswordConfirm", this.messages.get("password.newConfirm.required"));
		}
		else if (!wanted.isEmpty() && !confirm.equals(wanted)) {
			errors.put("newPasswordConfirm", this.messages.get("password.newConfirm.differs"));
		}
		if (errors.isEmpty()) {
			this.accounts.currentPasswordProblem(user, current)
				.ifPresent((problem) -> errors.put("currentPassword", problem));
		}
		return errors;
	}

}
