package org.roster.account;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.roster.account.Passkeys.Passkey;
import org.roster.user.User;
import org.roster.user.UserService;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.HttpSessionPublicKeyCredentialCreationOptionsRepository;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Adding a passkey, in two calls from the profile's script: the options for the browser's
 * dialog (after the current password or a recent sign-in), then the dialog's answer with
 * the passkey's label. The options wait in the session (which every node reads) until the
 * answer uses them up. Spring Security's own registration routes are switched off
 * ({@link SecurityConfig}): they would skip the confirmation and the notice mail.
 */
@RestController
class PasskeyController {

	static final String PATH = "/profile/passkeys";

	static final String OPTIONS_PATH = "/profile/passkeys/options";

	/** Spring Security's JSON form of the WebAuthn objects (base64url bytes). */
	private static final JsonMapper WEBAUTHN_JSON = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	private final PublicKeyCredentialCreationOptionsRepository pendingOptions = new HttpSessionPublicKeyCredentialCreationOptionsRepository();

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final Passkeys passkeys;

	private final UserService users;

	private final ChangeConfirmation confirmation;

	PasskeyController(WebAuthnRelyingPartyOperations relyingParty, Passkeys passkeys, UserService users,
			ChangeConfirmation confirmation) {
		this.relyingParty = relyingParty;
		this.passkeys = passkeys;
		this.users = users;
		this.confirmation = confirmation;
	}

	/**
	 * The creation options, as {@code navigator.credentials.create} takes them (JSON).
	 */
	@PostMapping(path = OPTIONS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> options(@RequestBody(required = false) @Nullable ConfirmRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		User user = this.users.get(CurrentUser.require().id());
		String password = (body != null && body.currentPassword() != null) ? body.currentPassword() : "";
		this.confirmation.problem(user, request.getSession(), password).ifPresent((problem) -> {
			throw new ConfirmationException(problem, !password.isEmpty());
		});
		PublicKeyCredentialCreationOptions options = this.relyingParty
			.createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(
					SecurityContextHolder.getContext().getAuthentication()));
		this.pendingOptions.save(request, response, options);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(WEBAUTHN_JSON.writeValueAsString(options));
	}

	/**
	 * The browser's new credential ({@code credential}, in Spring Security's JSON form)
	 * and its {@code label}; 201 with the passkey as the list shows it.
	 */
	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Passkey> register(@RequestBody(required = false) @Nullable String body, HttpServletRequest request,
			HttpServletResponse response) {
		User user = this.users.get(CurrentUser.require().id());
		if (!this.confirmation.isFresh(request.getSession())) {
			throw new ConfirmationException(null, false);
		}
		ObjectNode json = object(body);
		JsonNode given = json.get("label");
		String label = PasskeyLabels.check((given != null && given.isString()) ? given.asString() : null);
		json.put("label", label);
		RelyingPartyPublicKey key = read(json);
		PublicKeyCredentialCreationOptions options = this.pendingOptions.load(request);
		if (options == null) {
			throw new PasskeyException("problem.invalid-passkey.noOptions");
		}
		// Used up whatever happens next: a challenge answers once.
		this.pendingOptions.save(request, response, null);
		Passkey passkey = this.passkeys.register(user, options, key);
		return ResponseEntity.created(URI.create(PATH + "/" + passkey.id())).body(passkey);
	}

	private static ObjectNode object(@Nullable String body) {
		try {
			if (body != null && WEBAUTHN_JSON.readTree(body) instanceof ObjectNode json) {
				return json;
			}
		}
		catch (JacksonException ex) {
			throw new PasskeyException("problem.invalid-passkey.detail", ex);
		}
		throw new PasskeyException("problem.invalid-passkey.detail");
	}

	private static RelyingPartyPublicKey read(ObjectNode json) {
		try {
			RelyingPartyPublicKey key = WEBAUTHN_JSON.treeToValue(json, RelyingPartyPublicKey.class);
			if (key == null || key.getCredential() == null || key.getCredential().getRawId() == null
					|| key.getCredential().getResponse() == null
					|| key.getCredential().getResponse().getAttestationObject() == null
					|| key.getCredential().getResponse().getClientDataJSON() == null) {
				throw new PasskeyException("problem.invalid-passkey.detail");
			}
			return key;
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw new PasskeyException("problem.invalid-passkey.detail", ex);
		}
	}

	/** The current password, when the last sign-in is not recent. */
	record ConfirmRequest(@Nullable String currentPassword) {
	}

	/**
	 * Neither a recent sign-in nor the current password (403), or a wrong password (400,
	 * {@code errors.currentPassword}).
	 */
	static final class ConfirmationException extends RuntimeException {

		private final @Nullable String problem;

		private final boolean wrongPassword;

		ConfirmationException(@Nullable String problem, boolean wrongPassword) {
			super("passkey change not confirmed");
			this.problem = problem;
			this.wrongPassword = wrongPassword;
		}

		boolean wrongPassword() {
			return this.wrongPassword;
		}

		Map<String, String> errors() {
			return (this.problem != null) ? Map.of("currentPassword", this.problem) : Map.of();
		}

	}

}
