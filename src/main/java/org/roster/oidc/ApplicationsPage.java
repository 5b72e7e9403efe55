package org.roster.oidc;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.roster.oidc.OidcClients.Created;
import org.roster.oidc.OidcClients.InvalidClientException;
import org.roster.oidc.OidcClients.NewClient;

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
 * The admins' "Applications" page: the registered clients with their last use, a form to
 * register one (its secret shown once, in the answer to the form), a new secret, delete.
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
		return page(model, null, List.of(), null);
	}

	@PostMapping(PATH)
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String redirectUris,
			@RequestParam(defaultValue = "") String postLogoutUris,
			@RequestParam(defaultValue = "false") boolean publicClient,
			@RequestParam(name = "scope", required = false) @Nullable List<String> scopes,
			@RequestParam(defaultValue = "false") boolean consent, Model model) {
		List<String> uris = lines(redirectUris);
		List<String> asked = (scopes != null) ? scopes : List.of("openid");
		try {
			Created created = this.clients
				.create(new NewClient(name, uris, lines(postLogoutUris), publicClient, asked, consent));
			return page(model, new Shown(created.clientId(), created.clientSecret()), List.of(), null);
		}
		catch (InvalidClientException ex) {
			return page(model, null, ex.problems(),
					new Form(name, redirectUris, postLogoutUris, publicClient, asked, consent));
		}
	}

	@PostMapping(PATH + "/{clientId}/secret")
	String newSecret(@PathVariable String clientId, Model model) {
		String secret = this.clients.rotateSecret(clientId)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return page(model, new Shown(clientId, secret), List.of(), null);
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

	private static List<String> lines(String text) {
		return Arrays.stream(text.split("\\s+")).filter((line) -> !line.isBlank()).toList();
	}

	private String page(Model model, @Nullable Shown shown, List<String> problems, @Nullable Form form) {
		model.addAttribute("applications", this.clients.list());
		model.addAttribute("shown", shown);
		model.addAttribute("problems", problems);
		model.addAttribute("form", (form != null) ? form : Form.EMPTY);
		model.addAttribute("knownScopes", OidcClients.SCOPES.stream().sorted().toList());
		return "applications";
	}

	/** A client id and (once) its secret. */
	record Shown(String clientId, @Nullable String clientSecret) {
	}

	/** What the admin typed, kept when it is refused. */
	record Form(String name, String redirectUris, String postLogoutUris, boolean publicClient, List<String> scopes,
			boolean consent) {

		static final Form EMPTY = new Form("", "", "", false, List.of("openid", "profile", "email"), true);

	}

}
