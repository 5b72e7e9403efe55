package org.roster.oidc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.roster.oidc.OidcClients.Created;
import org.roster.oidc.OidcClients.InvalidClientException;
import org.roster.oidc.OidcClients.NewClient;
import org.roster.oidc.OidcClients.TokenPolicy;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admins' "Applications" page: the registered clients with their last use, one form
 * to register one (its secret shown once, in the answer to the form) or edit it, a new
 * secret, disable, delete.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class ApplicationsPage {

	static final String PATH = "/applications";

	private final OidcClients clients;

	ApplicationsPage(OidcClients clients) {
		this.clients = clients;
	}

	@GetMapping(PATH)
	String list(Model model) {
		return page(model, null, List.of(), null, null);
	}

	@PostMapping(PATH)
	String create(Form form, Model model) {
		try {
			Created created = this.clients.create(form.toClient());
			return page(model, new Shown(created.clientId(), created.clientSecret()), List.of(), null, null);
		}
		catch (InvalidClientException ex) {
			return page(model, null, ex.problems(), form, null);
		}
	}

	@GetMapping(PATH + "/{clientId}/edit")
	String edit(@PathVariable String clientId, Model model) {
		NewClient client = this.clients.find(clientId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return page(model, null, List.of(), Form.of(client), clientId);
	}

	@PostMapping(PATH + "/{clientId}")
	String update(@PathVariable String clientId, Form form, Model model) {
		try {
			if (!this.clients.update(clientId, form.toClient())) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			return "redirect:" + PATH + "?saved";
		}
		catch (InvalidClientException ex) {
			return page(model, null, ex.problems(), form, clientId);
		}
	}

	@PostMapping(PATH + "/{clientId}/secret")
	String newSecret(@PathVariable String clientId, Model model) {
		String secret = this.clients.rotateSecret(clientId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return page(model, new Shown(clientId, secret), List.of(), null, null);
	}

	@PostMapping(PATH + "/{clientId}/disabled")
	String disable(@PathVariable String clientId, @RequestParam(defaultValue = "true") boolean disabled) {
		if (!this.clients.setDisabled(clientId, disabled)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:" + PATH + (disabled ? "?disabled" : "?enabled");
	}

	@PostMapping(PATH + "/{clientId}/delete")
	String delete(@PathVariable String clientId) {
		if (!this.clients.delete(clientId)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:" + PATH + "?deleted";
	}

	private String page(Model model, @Nullable Shown shown, List<String> problems, @Nullable Form form,
			@Nullable String editing) {
		model.addAttribute("applications", this.clients.list());
		model.addAttribute("shown", shown);
		model.addAttribute("problems", problems);
		model.addAttribute("form", (form != null) ? form : Form.EMPTY);
		model.addAttribute("editing", editing);
		model.addAttribute("knownScopes", OidcClients.SCOPES.stream().sorted().toList());
		return "applications";
	}

	/** A client id and (once) its secret. */
	record Shown(String clientId, @Nullable String clientSecret) {
	}

	/**
	 * The registration form as the admin typed it (URIs one per line, lifetimes as 5m,
	 * 8h), kept when it is refused.
	 */
	record Form(@Nullable String name, @Nullable String redirectUris, @Nullable String postLogoutUris,
			@Nullable Boolean publicClient, @Nullable List<String> scope, @Nullable Boolean consent,
			@Nullable String accessTokenTtl, @Nullable String idTokenTtl, @Nullable String refreshTokenTtl,
			@Nullable Boolean referenceTokens) {

		static final Form EMPTY = of(
				new NewClient("", List.of(), List.of(), false, List.of("openid", "profile", "email"), true));

		static Form of(NewClient client) {
			TokenPolicy tokens = client.tokens();
			return new Form(client.name(), String.join("\n", client.redirectUris()),
					String.join("\n", client.postLogoutRedirectUris()), client.publicClient(), client.scopes(),
					client.consent(), OidcClients.format(tokens.accessToken()), OidcClients.format(tokens.idToken()),
					OidcClients.format(tokens.refreshToken()), tokens.referenceTokens());
		}

		/** Scopes ticked (none means {@code openid} only, which a client must have). */
		public List<String> scopes() {
			return (this.scope != null) ? this.scope : List.of();
		}

		NewClient toClient() {
			List<String> problems = new ArrayList<>();
			TokenPolicy defaults = TokenPolicy.DEFAULTS;
			TokenPolicy tokens = new TokenPolicy(
					duration(this.accessTokenTtl, "--access-token-ttl", problems, defaults.accessToken()),
					duration(this.idTokenTtl, "--id-token-ttl", problems, defaults.idToken()),
					duration(this.refreshTokenTtl, "--refresh-token-ttl", problems, defaults.refreshToken()),
					Boolean.TRUE.equals(this.referenceTokens));
			if (!problems.isEmpty()) {
				throw new InvalidClientException(problems);
			}
			return new NewClient(this.name, lines(this.redirectUris), lines(this.postLogoutUris),
					Boolean.TRUE.equals(this.publicClient), (this.scope != null) ? this.scope : List.of("openid"),
					Boolean.TRUE.equals(this.consent), tokens);
		}

		private static List<String> lines(@Nullable String text) {
			return (text != null) ? Arrays.stream(text.split("\\s+")).filter((line) -> !line.isBlank()).toList()
					: List.of();
		}

		private static Duration duration(@Nullable String text, String option, List<String> problems,
				Duration fallback) {
			if (text == null || text.isBlank()) {
				return fallback;
			}
			try {
				return DurationStyle.detectAndParse(text.strip());
			}
			catch (IllegalArgumentException ex) {
				problems.add(option + ": a duration such as 90s, 5m, 8h or 30d");
				return fallback;
			}
		}

	}

}
