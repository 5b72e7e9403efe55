package org.roster.oidc;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.roster.account.CurrentUser;
import org.roster.account.RosterPrincipal;
import org.roster.account.SignInPages;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The consent page, in the site's layout: the application's name and what it will see,
 * "Allow" or "Deny". Spring Authorization Server sends the user here when a client asks
 * for scopes they have not granted it yet; the form goes back to its authorization
 * endpoint, which redirects to the application.
 */
@Controller
class ConsentController {

	static final String PATH = "/oauth2/consent";

	static final String DENY_PATH = PATH + "/deny";

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	private final OAuth2AuthorizationService authorizations;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents,
			OAuth2AuthorizationService authorizations) {
		this.clients = clients;
		this.consents = consents;
		this.authorizations = authorizations;
	}

	/**
	 * "Deny" means the application gets nothing, not even what the user allowed it before
	 * (the authorization endpoint would grant that): the pending request ends and the
	 * application is told {@code access_denied}, with its own state.
	 */
	@PostMapping(DENY_PATH)
	String deny(@RequestParam(name = "state", required = false) String state) {
		OAuth2Authorization pending = (state != null)
				? this.authorizations.findByToken(state, new OAuth2TokenType(OAuth2ParameterNames.STATE)) : null;
		OAuth2AuthorizationRequest request = (pending != null)
				? pending.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		if (request == null || !pending.getPrincipalName().equals(CurrentUser.require().getName())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		this.authorizations.remove(pending);
		UriComponentsBuilder back = UriComponentsBuilder.fromUriString(request.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, OAuth2ErrorCodes.ACCESS_DENIED);
		if (request.getState() != null) {
			back.queryParam(OAuth2ParameterNames.STATE, request.getState());
		}
		return "redirect:" + back.encode().build().toUriString();
	}

	@GetMapping(PATH)
	String consent(@RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "scope", required = false) String scope,
			@RequestParam(name = "state", required = false) String state, Model model, HttpServletResponse response) {
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		if (client == null || state == null || scope == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		RosterPrincipal principal = CurrentUser.require();
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), principal.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Set.of();
		Set<String> requestedScopes = new LinkedHashSet<>(List.of(scope.trim().split("\\s+")));
		List<String> asked = new ArrayList<>();
		List<String> already = new ArrayList<>();
		for (String requested : requestedScopes) {
			if (requested.equals("openid") || !OidcClients.SCOPES.contains(requested)) {
				continue;
			}
			(granted.contains(requested) ? already : asked).add(requested);
		}
		model.addAttribute("client", client);
		model.addAttribute("clientId", clientId);
		model.addAttribute("state", state);
		model.addAttribute("scopes", asked);
		model.addAttribute("grantedScopes", already);
		model.addAttribute("openid", requestedScopes.contains("openid"));
		// The answer redirects to the application: the page's form may lead there.
		response.setHeader("Content-Security-Policy",
				SignInPages.contentSecurityPolicy(origins(client.getRedirectUris())));
		return "consent";
	}

	private static List<String> origins(Set<String> redirectUris) {
		return redirectUris.stream()
			.map(URI::create)
			.map((uri) -> uri.getScheme() + "://" + uri.getRawAuthority())
			.distinct()
			.toList();
	}

}
