package org.roster.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.roster.mail.MailTokens;
import org.roster.user.User;
import org.roster.web.Messages;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * "Forgot your password?" and the page its mail links to, which also serves invitations
 * ("choose your password"). Nothing here tells whether an account exists, and nothing is
 * stored in a session: anonymous visitors have none, so the sign-in page confirms the new
 * password through {@code ?passwordSet}, as it confirms a registration.
 */
@Controller
class PasswordResetController {

	static final String FORGOT = "/forgot-password";

	static final String RESET = AccountMail.PASSWORD_PAGE;

	private final PasswordResets resets;

	private final PasswordPolicy policy;

	private final PasswordEncoder encoder;

	private final Messages messages;

	PasswordResetController(PasswordResets resets, PasswordPolicy policy, PasswordEncoder encoder, Messages messages) {
		this.resets = resets;
		this.policy = policy;
		this.encoder = encoder;
		this.messages = messages;
	}

	@GetMapping(FORGOT)
	String forgot(Model model) {
		model.addAttribute("sent", false);
		return "forgot-password";
	}

	/**
	 * The same page, status and work whatever the login names: the lookup always runs,
	 * and only a mail is queued (sent later, by the outbox) when an account may get one.
	 */
	@PostMapping(FORGOT)
	String requestLink(@RequestParam(defaultValue = "") String login, Model model) {
		if (login.isBlank()) {
			model.addAttribute("sent", false);
			model.addAttribute("loginError", this.messages.get("forgot.login.required"));
			return "forgot-password";
		}
		this.resets.request(login.strip());
		model.addAttribute("sent", true);
		return "forgot-password";
	}

	/** The form; opening it uses nothing up (scanners and link previews open links). */
	@GetMapping(RESET)
	ModelAndView form(@RequestParam(required = false) @Nullable String token) {
		PasswordResets.Link link = this.resets.find(token);
		if (!link.valid() || token == null) {
			return invalid(link.state());
		}
		if (link.suspended()) {
			return suspended();
		}
		return page(token, link, Map.of());
	}

	@PostMapping(RESET)
	ModelAndView choose(@RequestParam(defaultValue = "") String token, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String passwordConfirm) {
		PasswordResets.Link link = this.resets.find(token);
		if (!link.valid() || link.user() == null || link.purpose() == null) {
			return invalid(link.state());
		}
		if (link.suspended()) {
			return suspended();
		}
		Map<String, String> errors = errors(link.user(), password, passwordConfirm);
		if (!errors.isEmpty()) {
			return page(token, link, errors);
		}
		// Hashing is slow: before the transaction, not inside it.
		String hash = this.encoder.encode(password);
		Optional<User> done;
		try {
			done = this.resets.complete(token, link.purpose(), hash);
		}
		catch (ConcurrencyFailureException ex) {
			// Another request with the same link held its row: it used the link.
			done = Optional.empty();
		}
		catch (SuspendedAccountException ex) {
			// Suspended between the check above and the transaction.
			return suspended();
		}
		if (done.isEmpty()) {
			return invalid(MailTokens.State.SPENT);
		}
		return new ModelAndView("redirect:/login?passwordSet");
	}

	private Map<String, String> errors(User user, String password, String confirm) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (password.isEmpty()) {
			errors.put("password", this.messages.get("password.new.required"));
		}
		else {
			this.policy.check(password, user.getUsername(), user.getEmail())
				.ifPresent((problem) -> errors.put("password", problem));
		}
		if (confirm.isEmpty()) {
			errors.put("passwordConfirm", this.messages.get("password.newConfirm.required"));
		}
		else if (!password.isEmpty() && !confirm.equals(password)) {
			errors.put("passwordConfirm", this.messages.get("register.passwordConfirm.differs"));
		}
		return errors;
	}

	private static ModelAndView page(String token, PasswordResets.Link link, Map<String, String> errors) {
		ModelAndView page = new ModelAndView("reset-password");
		page.addObject("token", token);
		page.addObject("invitation", link.invitation());
		page.addObject("username", (link.user() != null) ? link.user().getUsername() : "");
		page.addObject("errors", errors);
		return page;
	}

	/**
	 * Unknown: 400; used, voided or expired: 410 Gone. Nothing was changed either way.
	 */
	private static ModelAndView invalid(MailTokens.State state) {
		ModelAndView page = new ModelAndView("link-invalid",
				(state == MailTokens.State.SPENT) ? HttpStatus.GONE : HttpStatus.BAD_REQUEST);
		page.addObject("againUrl", FORGOT);
		page.addObject("againLabel", "reset.again");
		return page;
	}

	/**
	 * A valid link of a suspended account: 403, the link-invalid page saying why and who
	 * can help; nothing changed and the token is still unused (it works again once an
	 * admin reinstates the account). No "request a new link": that would not help.
	 */
	private static ModelAndView suspended() {
		ModelAndView page = new ModelAndView("link-invalid", HttpStatus.FORBIDDEN);
		page.addObject("titleKey", "link.suspended.title");
		page.addObject("headingKey", "link.suspended.heading");
		page.addObject("textKey", "link.suspended.text");
		return page;
	}

}
