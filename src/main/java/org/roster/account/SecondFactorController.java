package org.roster.account;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in's second step, for a session that holds a {@link HalfSignIn} and no
 * authority: {@code /login/code} asks for an authenticator or recovery code (wrong ones
 * count toward the lockout like wrong passwords; the throttle guards it like the
 * sign-in), {@code /login/setup} makes an admin set one up first when
 * {@code roster.security.mfa.required-for-admins} says so.
 */
@Controller
class SecondFactorController {

	private final SecondFactorGate gate;

	private final SecondFactors secondFactors;

	private final Authenticators authenticators;

	private final AuthenticatorSetUp setUp;

	private final AccountService accounts;

	private final UserService users;

	SecondFactorController(SecondFactorGate gate, SecondFactors secondFactors, Authenticators authenticators,
			AuthenticatorSetUp setUp, AccountService accounts, UserService users) {
		this.setUp = setUp;
		this.gate = gate;
		this.secondFactors = secondFactors;
		this.authenticators = authenticators;
		this.accounts = accounts;
		this.users = users;
	}

	@GetMapping(SecondFactorGate.CODE_PATH)
	String codePage(HttpServletRequest request) {
		HalfSignIn half = this.gate.current(request);
		if (half == null) {
			return "redirect:/login";
		}
		return half.setUpRequired() ? "redirect:" + SecondFactorGate.SETUP_PATH : "login-code";
	}

	@PostMapping(SecondFactorGate.CODE_PATH)
	@Nullable String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) throws IOException, ServletException {
		HalfSignIn half = this.gate.current(request);
		if (half == null || half.setUpRequired()) {
			return "redirect:/login?expired";
		}
		User user = this.users.findById(half.principal().id()).orElse(null);
		if (user == null || !user.isActive()) {
			request.getSession().invalidate();
			return "redirect:/login";
		}
		if (code.isBlank()) {
			model.addAttribute("codeError", "login.code.required");
			return "login-code";
		}
		// A lock (from wrong passwords or codes) refuses even the right code, as it does
		// the right password; the message does not say which.
		String factor = user.isLockedAt(Instant.now()) ? null : this.secondFactors.verify(user.getId(), code);
		if (factor == null) {
			if (!user.isLockedAt(Instant.now())) {
				this.accounts.recordWrongCode(user);
			}
			model.addAttribute("codeError", "login.code.failed");
			return "login-code";
		}
		Authentication signedIn = this.gate.complete(half, factor);
		if (signedIn == null) {
			request.getSession().invalidate();
			return "redirect:/login";
		}
		this.gate.redirect(request, response, half, signedIn);
		return null;
	}

	@GetMapping(SecondFactorGate.SETUP_PATH)
	String setUpPage(HttpServletRequest request, Model model) {
		HalfSignIn half = this.gate.current(request);
		if (half == null) {
			return "redirect:/login";
		}
		if (!half.setUpRequired()) {
			return "redirect:" + SecondFactorGate.CODE_PATH;
		}
		this.setUp.addTo(model, request.getSession(), half.principal());
		model.addAttribute("action", SecondFactorGate.SETUP_PATH);
		model.addAttribute("duringSignIn", true);
		return "authenticator-setup";
	}

	@PostMapping(SecondFactorGate.SETUP_PATH)
	@Nullable String setUpDuringSignIn(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) throws IOException {
		HalfSignIn half = this.gate.current(request);
		if (half == null || !half.setUpRequired()) {
			return "redirect:/login?expired";
		}
		HttpSession session = request.getSession();
		String secret = this.setUp.pendingSecret(session, half.principal().id());
		if (secret == null) {
			return "redirect:" + SecondFactorGate.SETUP_PATH;
		}
		OptionalLong step = this.authenticators.confirmingStep(secret, code);
		if (step.isEmpty()) {
			this.setUp.addTo(model, session, half.principal());
			model.addAttribute("action", SecondFactorGate.SETUP_PATH);
			model.addAttribute("duringSignIn", true);
			model.addAttribute("codeError", code.isBlank() ? "login.code.required" : "authenticator.code.wrong");
			return "authenticator-setup";
		}
		User user = this.users.findById(half.principal().id()).orElse(null);
		List<String> codes = (user != null && user.isActive())
				? this.secondFactors.addAuthenticator(user, secret, step.getAsLong()) : null;
		Authentication signedIn = (codes != null) ? this.gate.complete(half, SecondFactors.TOTP_AUTHORITY) : null;
		if (signedIn == null) {
			session.invalidate();
			return "redirect:/login";
		}
		// The page the sign-in was for, once the codes are put away.
		CookieRequestCache requestCache = SecurityConfig.requestCache();
		SavedRequest saved = requestCache.getRequest(request, response);
		requestCache.removeRequest(request, response);
		this.gate.store(request, response, signedIn);
		// The codes are shown in this answer only, never kept: the session is stored as
		// the answer is committed, and only then is the sign-in recorded (as
		// SignInConfirmation does after its redirect).
		AuthenticatorSetUp.commit(response);
		boolean stands = this.gate.confirm(request, signedIn);
		// Only admins set up here, and a sign-in without a page to return to takes them
		// to the dashboard.
		this.setUp.showCodes(model, codes, (stands && saved != null) ? saved.getRedirectUrl() : "/dashboard");
		return "recovery-codes";
	}

}
