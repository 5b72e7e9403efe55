package org.roster.account;

import java.io.Serializable;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Renaming and removing a passkey from the profile's list (forms): each needs a recent
 * sign-in or the current password, and sends the owner a notice. A failure goes back to
 * the list with its message on the passkey's row.
 */
@Controller
class PasskeyPageController {

	/** Both forms' paths, for the throttle of password checks. */
	static final String CHANGE_PATHS = "/profile/passkeys/{id}/*";

	/** Flash attribute: {@code id} of the passkey and {@code field → message}. */
	static final String ERROR = "passkeyError";

	private static final String BACK = "redirect:/profile#passkeys";

	private final Passkeys passkeys;

	private final UserService users;

	private final ChangeConfirmation confirmation;

	private final Messages messages;

	PasskeyPageController(Passkeys passkeys, UserService users, ChangeConfirmation confirmation, Messages messages) {
		this.passkeys = passkeys;
		this.users = users;
		this.confirmation = confirmation;
		this.messages = messages;
	}

	@PostMapping("/profile/passkeys/{id}/label")
	String rename(@PathVariable String id, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String currentPassword, HttpSession session, RedirectAttributes redirect) {
		User user = this.users.get(CurrentUser.require().id());
		String checked;
		try {
			checked = PasskeyLabels.check(label);
		}
		catch (PasskeyLabels.InvalidLabelException ex) {
			return failed(redirect, id, "label", this.messages.get(ex.key()));
		}
		Optional<String> problem = this.confirmation.problem(user, session, currentPassword);
		if (problem.isPresent()) {
			return failed(redirect, id, "currentPassword", problem.get());
		}
		try {
			this.passkeys.rename(user, id, checked);
		}
		catch (PasskeyNotFoundException ex) {
			return failed(redirect, id, "passkey", this.messages.get(ex.key()));
		}
		redirect.addFlashAttribute("flash", this.messages.get("passkey.renamed", checked));
		return BACK;
	}

	@PostMapping("/profile/passkeys/{id}/delete")
	String remove(@PathVariable String id, @RequestParam(defaultValue = "") String currentPassword, HttpSession session,
			RedirectAttributes redirect) {
		User user = this.users.get(CurrentUser.require().id());
		Optional<String> problem = this.confirmation.problem(user, session, currentPassword);
		if (problem.isPresent()) {
			return failed(redirect, id, "currentPassword", problem.get());
		}
		try {
			this.passkeys.remove(user, id);
		}
		catch (PasskeyNotFoundException ex) {
			return failed(redirect, id, "passkey", this.messages.get(ex.key()));
		}
		redirect.addFlashAttribute("flash", this.messages.get("passkey.removed"));
		return BACK;
	}

	private static String failed(RedirectAttributes redirect, String id, String field, String message) {
		redirect.addFlashAttribute(ERROR, new PasskeyError(id, Map.of(field, message)));
		return BACK;
	}

	/** What went wrong on one passkey's row (a flash attribute: kept in the session). */
	record PasskeyError(String id, Map<String, String> errors) implements Serializable {
	}

}
