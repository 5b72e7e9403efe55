package org.roster.account;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.roster.account.ExternalProviders.Provider;

import org.roster.account.RegistrationProperties.VerificationMode;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

@Controller
class LoginController {

	/** Where a failed sign-in is forwarded to, within the same request. */
	static final String FAILED = "/login/failed";

	/** Request attribute with the failure's message key. */
	static final String FAILURE = "roster.loginFailure";

	/**
	 * Request attribute with the proof of a sign-in refused for an unconfirmed address,
	 * for the page's "send the link again" ({@link ResendProof}).
	 */
	static final String RESEND_PROOF = "roster.resendProof";

	private final EmailVerification verification;

	private final ExternalProviders providers;

	LoginController(EmailVerification verification, ExternalProviders providers) {
		this.verification = verification;
		this.providers = providers;
	}

	/** What {@code ?registered} says depends on whether the address must be confirmed. */
	@ModelAttribute("registeredMessage")
	String registeredMessage() {
		return registeredMessage(this.verification.mode());
	}

	static String registeredMessage(VerificationMode mode) {
		return switch (mode) {
			case OFF -> "login.registered";
			case OPTIONAL -> "login.registered.optional";
			case REQUIRED -> "login.registered.required";
		};
	}

	/** One button per configured provider; none without. */
	@ModelAttribute("externalProviders")
	List<Provider> externalProviders() {
		return this.providers.all();
	}

	@GetMapping("/login")
	String login(Model model) {
		if (CurrentUser.principal() != null) {
			return "redirect:/profile";
		}
		model.addAttribute("username", "");
		return "login";
	}

	/** The sign-in page again, with the failure and the username that was typed. */
	@RequestMapping(FAILED)
	String failed(HttpServletRequest request, Model model) {
		Object failure = request.getAttribute(FAILURE);
		String username = request.getParameter("username");
		model.addAttribute("loginError", (failure != null) ? failure : LoginAuthenticationProvider.GENERIC_FAILURE);
		model.addAttribute("username", (failure != null && username != null) ? username : "");
		model.addAttribute("resendProof", request.getAttribute(RESEND_PROOF));
		return "login";
	}

}
