package org.roster.account;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the pages with a password-strength bar the server's minimum score, so the bar can
 * say which level is accepted without a second copy of the setting in JavaScript.
 */
@ControllerAdvice(
		assignableTypes = { RegistrationController.class, ProfilePageController.class, PasswordResetController.class })
class PasswordStrengthModel {

	private final PasswordPolicy policy;

	PasswordStrengthModel(PasswordPolicy policy) {
		this.policy = policy;
	}

	@ModelAttribute("passwordMinScore")
	int passwordMinScore() {
		return this.policy.minScore();
	}

}
