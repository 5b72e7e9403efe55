package org.roster.account;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.web.Messages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The profile's authenticator app and recovery codes. Every change (set up, remove, new
 * codes) needs the current password, checked like a sign-in (wrong ones count toward the
 * lockout), unless the session signed in or confirmed it within
 * {@code roster.security.recent-sign-in} ({@link RecentSignIn}); each one mails the user.
 * Recovery codes are shown in the answer that makes them, once, never stored readable.
 */
@Controller
class AuthenticatorController {

	static final String SETUP = "/profile/authenticator";

	static final String CONFIRM_PASSWORD = "/profile/authenticator/password";

	static final String REMOVE = "/profile/authenticator/remove";

	static final String NEW_CODES = "/profile/recovery-codes";

	private static final String BACK = "redirect:/profile#sign-in-methods";

	private final UserService users;

	private final AccountService accounts;

	private final SecondFactors secondFactors;

	private final Authenticators authenticators;

	private final AuthenticatorSetUp setUps;

	private final RecentSignIn recentSignIn;

	private final Messages messages;

	AuthenticatorController(UserService users, AccountService accounts, SecondFactors secondFactors,
			Authenticators authenticators, AuthenticatorSetUp setUps, RecentSignIn recentSignIn, Messages messages) {
		this.users = users;
		this.accounts = accounts;
		this.secondFactors = secondFactors;
		this.authenticators = authenticators;
		this.setUps = setUps;
		this.recentSignIn = recentSignIn;
		this.messages = messages;
	}

	/** The set-up: the password first unless the sign-in is recent, then the QR code. */
	@GetMapping(SETUP)
	String setUpPage(HttpSession session, Model model) {
		RosterPrincipal principal = CurrentUser.require();
		if (this.secondFactors.hasSecondFactor(principal.id())) {
			return BACK;
		}
		if (!this.recentSignIn.isFresh(session)) {
			model.addAttribute("confirmPassword", true);
		}
		else {
			this.setUps.addTo(model, session, principal);
		}
		model.addAttribute("action", SETUP);
		return "authenticator-setup";
	}

	@PostMapping(CONFIRM_PASSWORD)
	String confirmPassword(@RequestParam(defaultValue = "") String currentPassword, HttpSession session, Model model) {
		User user = this.users.get(CurrentUser.require().id());
		Optional<String> problem = passwordProblem(user, currentPassword);
		if (problem.isPresent()) {
			model.addAttribute("confirmPassword", true);
			model.addAttribute("passwordError", problem.get());
			model.addAttribute("action", SETUP);
			return "authenticator-setup";
		}
		this.recentSignIn.record(session);
		return "redirect:" + SETUP;
	}

	@PostMapping(SETUP)
	@Nullable String setUp(@RequestParam(defaultValue = "") String code, HttpSession session, HttpServletResponse response,
			Model model) throws IOException {
		RosterPrincipal principal = CurrentUser.require();
		String secret = this.setUps.pendingSecret(session, principal.id());
		if (secret == null) {
			// No set-up under way (it was finished in another tab, or never started).
			return "redirect:" + SETUP;
		}
		OptionalLong step = this.authenticators.confirmingStep(secret, code);
		if (step.isEmpty()) {
			this.setUps.addTo(model, session, principal);
			model.addAttribute("action", SETUP);
			model.addAttribute("codeError", code.isBlank() ? "login.code.required" : "authenticator.code.wrong");
			return "authenticator-setup";
		}
		List<String> codes = this.secondFactors.addAuthenticator(this.users.get(principal.id()), secret,
				step.getAsLong());
		AuthenticatorSetUp.forget(session);
		if (codes == null) {
			return BACK;
		}
		return showCodes(codes, response, model);
	}

	@PostMapping(REMOVE)
	String remove(@RequestParam(defaultValue = "") String currentPassword, HttpSession session,
			RedirectAttributes redirect) {
		User user = this.users.get(CurrentUser.require().id());
		Optional<String> problem = confirmChange(user, currentPassword, session);
		if (problem.isPresent()) {
			redirect.addFlashAttribute("secondFactorError", problem.get());
			return BACK;
		}
		if (this.secondFactors.removeOwn(user)) {
			redirect.addFlashAttribute("flash", this.messages.get("authenticator.removed"));
		}
		return BACK;
	}

	@PostMapping(NEW_CODES)
	@Nullable String newCodes(@RequestParam(defaultValue = "") String currentPassword, HttpSession session,
			HttpServletResponse response, Model model, RedirectAttributes redirect) throws IOException {
		User user = this.users.get(CurrentUser.require().id());
		Optional<String> problem = confirmChange(user, currentPassword, session);
		if (problem.isPresent()) {
			redirect.addFlashAttribute("secondFactorError", problem.get());
			return BACK;
		}
		List<String> codes = this.secondFactors.newRecoveryCodes(user);
		return (codes != null) ? showCodes(codes, response, model) : BACK;
	}

	private String showCodes(List<String> codes, HttpServletResponse response, Model model) throws IOException {
		AuthenticatorSetUp.commit(response);
		this.setUps.showCodes(model, codes, "/profile");
		return "recovery-codes";
	}

	/**
	 * Empty when the change may go ahead: a recent sign-in, or the right password (which
	 * then counts as recent).
	 */
	private Optional<String> confirmChange(User user, String password, HttpSession session) {
		if (this.recentSignIn.isFresh(session)) {
			return Optional.empty();
		}
		Optional<String> problem = passwordProblem(user, password);
		if (problem.isEmpty()) {
			this.recentSignIn.record(session);
		}
		return problem;
	}

	private Optional<String> passwordProblem(User user, String password) {
		if (password.isEmpty()) {
			return Optional.of(this.messages.get("password.current.required"));
		}
		return this.accounts.currentPasswordProblem(user, password);
	}

}
