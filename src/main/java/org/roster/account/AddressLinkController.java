package org.roster.account;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.roster.account.EmailVerification.Link;
import org.roster.account.EmailVerification.LinkState;
import org.roster.mail.LinkPurpose;
import org.roster.user.DuplicateUserException;
import org.roster.user.User;
import org.roster.web.Messages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages mailed links open, and "send the link again". A link's page only shows what
 * the link will do and a button: mail scanners and link previews open links, so only the
 * button's POST (with the CSRF token) uses the token up. The pages work signed in or not,
 * in any browser. A bad link gets {@code link-invalid}: 400 for a token never issued, 410
 * for one used, expired or voided; nothing changes.
 */
@Controller
class AddressLinkController {

	static final String RESEND_PATH = "/verify-email/resend";

	/** Where a new link is to be had: the profile (after signing in, if need be). */
	private static final String AGAIN_URL = "/profile";

	private final EmailVerification verification;

	private final ResendProof proofs;

	private final Messages messages;

	AddressLinkController(EmailVerification verification, ResendProof proofs, Messages messages) {
		this.verification = verification;
		this.proofs = proofs;
		this.messages = messages;
	}

	@GetMapping(EmailVerification.VERIFY_PATH)
	String verifyPage(@RequestParam(required = false) @Nullable String token, Model model,
			HttpServletResponse response) {
		Link link = this.verification.check(token, LinkPurpose.VERIFY);
		if (link.state() != LinkState.VALID || link.user() == null) {
			return invalid(link.state(), "verifyEmail.again", model, response);
		}
		model.addAttribute("token", token);
		model.addAttribute("email", link.email());
		model.addAttribute("username", link.user().getUsername());
		return "verify-email";
	}

	@PostMapping(EmailVerification.VERIFY_PATH)
	String verify(@RequestParam(required = false) @Nullable String token, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Link link = this.verification.confirmAddress(token);
		if (link.state() != LinkState.DONE) {
			return invalid(link.state(), "verifyEmail.again", model, response);
		}
		// A session can carry the message; an anonymous visitor has none (nothing is
		// stored for them), so the sign-in page says it.
		if (CurrentUser.principal() != null) {
			redirect.addFlashAttribute("flash", this.messages.get("verifyEmail.done", link.email()));
			return "redirect:/profile";
		}
		return "redirect:/login?verified";
	}

	/**
	 * A new verification link, for the signed-in user or for the account whose sign-in
	 * was just refused for its unconfirmed address (the page's proof): never for an
	 * account named by the request alone.
	 */
	@PostMapping(RESEND_PATH)
	String resend(@RequestParam(required = false) @Nullable String proof, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		if (!this.verification.isOn()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		RosterPrincipal principal = CurrentUser.principal();
		Long userId = (principal != null) ? Long.valueOf(principal.id())
				: this.proofs.verify(proof).map(User::getId).orElse(null);
		if (userId == null) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("loginError", "login.resendExpired");
			model.addAttribute("username", "");
			model.addAttribute("registeredMessage", LoginController.registeredMessage(this.verification.mode()));
			return "login";
		}
		EmailVerification.Resent resent;
		try {
			resent = this.verification.resend(userId);
		}
		catch (MailLimitException ex) {
			return limitReached(ex, model, response);
		}
		if (principal == null) {
			return resent.sent() ? "redirect:/login?linkSent" : "redirect:/login?verified";
		}
		redirect.addFlashAttribute("flash", resent.sent() ? this.messages.get("verifyEmail.sent", resent.email())
				: this.messages.get("verifyEmail.already"));
		return "redirect:/profile";
	}

	@GetMapping(EmailVerification.CONFIRM_PATH)
	String confirmPage(@RequestParam(required = false) @Nullable String token, Model model,
			HttpServletResponse response) {
		Link link = this.verification.check(token, LinkPurpose.EMAIL);
		if (link.state() != LinkState.VALID || link.user() == null) {
			return invalid(link.state(), "confirmEmail.again", model, response);
		}
		return changePage(token, link, false, model);
	}

	@PostMapping(EmailVerification.CONFIRM_PATH)
	String confirm(@RequestParam(required = false) @Nullable String token, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Link link;
		try {
			link = this.verification.confirmChange(token);
		}
		catch (DuplicateUserException ex) {
			// Taken in the same moment: everything rolled back, the link still works.
			Link again = this.verification.check(token, LinkPurpose.EMAIL);
			link = new Link(LinkState.TAKEN, again.user(), again.email());
		}
		if (link.state() == LinkState.TAKEN && link.user() != null) {
			response.setStatus(HttpStatus.CONFLICT.value());
			return changePage(token, link, true, model);
		}
		if (link.state() != LinkState.DONE) {
			return invalid(link.state(), "confirmEmail.again", model, response);
		}
		if (CurrentUser.principal() != null) {
			redirect.addFlashAttribute("flash", this.messages.get("confirmEmail.done", link.email()));
			return "redirect:/profile";
		}
		return "redirect:/login?emailChanged";
	}

	private static String changePage(@Nullable String token, Link link, boolean taken, Model model) {
		model.addAttribute("token", token);
		model.addAttribute("email", link.email());
		model.addAttribute("username", (link.user() != null) ? link.user().getUsername() : "");
		model.addAttribute("taken", taken);
		return "confirm-email";
	}

	private static String invalid(LinkState state, String againLabel, Model model, HttpServletResponse response) {
		response.setStatus((state == LinkState.SPENT) ? HttpStatus.GONE.value() : HttpStatus.BAD_REQUEST.value());
		model.addAttribute("againUrl", AGAIN_URL);
		model.addAttribute("againLabel", againLabel);
		return "link-invalid";
	}

	/**
	 * The account had its links for this hour: 429, and the page says why and what to do.
	 * The wait is at most the hour.
	 */
	private String limitReached(MailLimitException ex, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "3600");
		model.addAttribute("status", HttpStatus.TOO_MANY_REQUESTS.value());
		model.addAttribute("limitText", this.messages.get("mailLimit.text", ex.limit()));
		return "mail-limit";
	}

}
