package org.roster.account;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.roster.web.Messages;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the set-up pages (from the profile, or during an admin's sign-in) share: the key
 * being set up, kept in the session encrypted like a stored one until its first code; its
 * QR code and its text; and the page of new recovery codes, rendered into the answer that
 * makes them and never kept.
 */
@Component
class AuthenticatorSetUp {

	static final String SECRET_ATTRIBUTE = "roster.setupSecret";

	static final String ISSUER = "Roster";

	private final SecretCipher cipher;

	private final Messages messages;

	AuthenticatorSetUp(SecretCipher cipher, Messages messages) {
		this.cipher = cipher;
		this.messages = messages;
	}

	/** The QR code and the key in the model; a new key on the first visit. */
	void addTo(Model model, HttpSession session, RosterPrincipal principal) {
		String secret = pendingSecret(session, principal.id());
		if (secret == null) {
			secret = TotpCodes.newSecret();
			session.setAttribute(SECRET_ATTRIBUTE,
					this.cipher.encrypt(secret.getBytes(StandardCharsets.US_ASCII), principal.id()));
		}
		model.addAttribute("qrCode", QrCodes.pngDataUri(TotpCodes.keyUri(ISSUER, principal.username(), secret)));
		model.addAttribute("secret", secret.replaceAll("(.{4})(?=.)", "$1 "));
	}

	@Nullable String pendingSecret(HttpSession session, long userId) {
		return (session.getAttribute(SECRET_ATTRIBUTE) instanceof String sealed)
				? new String(this.cipher.decrypt(sealed, userId), StandardCharsets.US_ASCII) : null;
	}

	static void forget(HttpSession session) {
		session.removeAttribute(SECRET_ATTRIBUTE);
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
