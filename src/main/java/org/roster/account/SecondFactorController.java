package org.roster.account;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
import org.roster.web.Messages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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

	/** The secret being set up, encrypted like a stored one, until its first code. */
	static final String SETUP_SECRET = "roster.setupSecret";

	static final String ISSUER = "Roster";

	private final SecondFactorGate gate;

	private final SecondFactors secondFactors;

	private final Authenticators authenticators;

	private final SecretCipher cipher;

	private final AccountService accounts;

	private final UserService users;

	private final Messages messages;

	SecondFactorController(SecondFactorGate gate, SecondFactors secondFactors, Authenticators authenticators,
			SecretCipher cipher, AccountService accounts, UserService users, Messages messages) {
		this.messages = messages;
		this.gate = gate;
		this.secondFactors = secondFactors;
		this.authenticators = authenticators;
		this.cipher = cipher;
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
		this.gate.redirect(request, response, signedIn);
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
		addSetUp(model, request.getSession(), half.principal());
		model.addAttribute("action", SecondFactorGate.SETUP_PATH);
		model.addAttribute("duringSignIn", true);
		return "authenticator-setup";
	}

	@PostMapping(SecondFactorGate.SETUP_PATH)
	@Nullable String setUp(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) throws IOException {
		HalfSignIn half = this.gate.current(request);
		if (half == null || !half.setUpRequired()) {
			return "redirect:/login?expired";
		}
		HttpSession session = request.getSession();
		String secret = pendingSecret(session, half.principal().id());
		if (secret == null) {
			return "redirect:" + SecondFactorGate.SETUP_PATH;
		}
		OptionalLong step = this.authenticators.confirmingStep(secret, code);
		if (step.isEmpty()) {
			addSetUp(model, session, half.principal());
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
		commit(response);
		boolean stands = this.gate.confirm(request, signedIn);
		showCodes(model, codes, (stands && saved != null) ? saved.getRedirectUrl() : "/profile");
		return "recovery-codes";
	}

	/**
	 * The recovery-codes page's model: the codes, their text file as a {@code data:}
	 * address (the download needs no script and no second request), where to go next.
	 */
	void showCodes(Model model, List<String> codes, String continueUrl) {
		String file = this.messages.get("recovery.file.heading") + "\n\n" + String.join("\n", codes) + "\n";
		model.addAttribute("codes", codes);
		model.addAttribute("codesFile",
				"data:text/plain;charset=utf-8," + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"));
		model.addAttribute("continueUrl", continueUrl);
	}

	/** The set-up's QR code and secret in the model; a new secret on the first visit. */
	void addSetUp(Model model, HttpSession session, RosterPrincipal principal) {
		String secret = pendingSecret(session, principal.id());
		if (secret == null) {
			secret = TotpCodes.newSecret();
			session.setAttribute(SETUP_SECRET,
					this.cipher.encrypt(secret.getBytes(StandardCharsets.US_ASCII), principal.id()));
		}
		model.addAttribute("qrCode", QrCodes.pngDataUri(TotpCodes.keyUri(ISSUER, principal.username(), secret)));
		model.addAttribute("secret", secret.replaceAll("(.{4})(?=.)", "$1 "));
	}

	@Nullable String pendingSecret(HttpSession session, long userId) {
		return (session.getAttribute(SETUP_SECRET) instanceof String sealed)
				? new String(this.cipher.decrypt(sealed, userId), StandardCharsets.US_ASCII) : null;
	}

	/**
	 * Commits the answer's head now (not cached: recovery codes follow), which stores the
	 * session.
	 */
	static void commit(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
		response.flushBuffer();
	}

}
