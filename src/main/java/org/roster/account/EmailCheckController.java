package org.roster.account;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.roster.user.EmailAddress;
import org.roster.user.UserService;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /email_exists}: the live email check of the registration form and of the
 * profile forms. Open to anyone and throttled per client address
 * ({@link ThrottleFilter}). Its only failures are Spring MVC's (a missing or malformed
 * parameter), which the shared {@code web} advice answers, so it needs no advice of its
 * own.
 */
@RestController
class EmailCheckController {

	private final UserService users;

	EmailCheckController(UserService users) {
		this.users = users;
	}

	@GetMapping("/email_exists")
	EmailCheck emailExists(@RequestParam String email, @RequestParam(required = false) @Nullable Long excludeId) {
		String normalised = email.strip().toLowerCase(Locale.ROOT);
		boolean valid = EmailAddress.isValid(normalised);
		return new EmailCheck(normalised, valid, valid && this.users.emailTaken(normalised, excludeId));
	}

	record EmailCheck(String email, boolean valid, boolean exists) {
	}

}
