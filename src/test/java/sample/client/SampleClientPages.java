package sample.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.HtmlUtils;

/**
 * The sample application's pages, plain HTML (every value escaped).
 */
@Controller
class SampleClientPages {

	private final RestClient http = RestClient.create();

	private final String spaClientId;

	private final String issuer;

	SampleClientPages(@Value("${sample.spa.client-id:}") String spaClientId,
			@Value("${spring.security.oauth2.client.provider.roster.issuer-uri}") String issuer) {
		this.spaClientId = spaClientId;
		this.issuer = issuer;
	}

	/** Who signed in, as Roster's ID token says. */
	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String home(@AuthenticationPrincipal OidcUser user, CsrfToken csrf) {
		List<String> roles = user.getClaimAsStringList("roles");
		return page("Signed in",
				"<h1>Signed in through Roster</h1><dl>" + item("name", user.getFullName())
						+ item("username", user.getPreferredUsername()) + item("email", user.getEmail())
						+ item("roles", (roles != null) ? String.join(", ", roles) : "") + "</dl>"
						+ "<p><a id=\"userinfo-link\" href=\"/userinfo\">Ask Roster again</a></p>"
						+ "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\""
						+ escape(csrf.getParameterName()) + "\" value=\"" + escape(csrf.getToken())
						+ "\"><button id=\"sign-out\" type=\"submit\">Sign out</button>" + "</form>");
	}

	/**
	 * Roster's userinfo with the authorized client's access token, refreshed first (see
	 * {@link SampleClientApplication#REFRESH_BEFORE_EXPIRY}).
	 */
	@GetMapping(path = "/userinfo", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String userinfo(@RegisteredOAuth2AuthorizedClient("roster") OAuth2AuthorizedClient roster) {
		String accessToken = roster.getAccessToken().getTokenValue();
		Map<String, Object> claims = this.http.get()
			.uri(roster.getClientRegistration().getProviderDetails().getUserInfoEndpoint().getUri())
			.headers((headers) -> headers.setBearerAuth(accessToken))
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		String rows = claims.entrySet()
			.stream()
			.map((claim) -> item("claim-" + claim.getKey(), String.valueOf(claim.getValue())))
			.collect(Collectors.joining());
		return page("Userinfo",
				"<h1>Roster's userinfo</h1><p>Access token <code id=\"token-fingerprint\">" + fingerprint(accessToken)
						+ "</code>, issued <span id=\"token-issued\">" + roster.getAccessToken().getIssuedAt()
						+ "</span></p><dl>" + rows + "</dl><p><a href=\"/\">Back</a></p>");
	}

	/**
	 * Roster refused the refresh or the token (the user was suspended, the grant
	 * revoked): the user's access through Roster is over, so is their session here.
	 */
	@ExceptionHandler({ OAuth2AuthorizationException.class, HttpClientErrorException.class })
	@ResponseBody
	String accessEnded(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		new SecurityContextLogoutHandler().logout(request, response, null);
		String reason = (ex instanceof OAuth2AuthorizationException refused) ? refused.getError().getErrorCode()
				: ((HttpClientErrorException) ex).getStatusCode().toString();
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		return page("Signed out", "<h1>Signed out</h1><p id=\"access-ended\">Roster ended your access ("
				+ escape(reason) + "): you are signed out of this app.</p><p><a href=\"/\">Sign in again</a></p>");
	}

	/** Where Roster's logout comes back to. */
	@GetMapping(path = "/signed-out", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String signedOut() {
		return page("Signed out",
				"<h1 id=\"signed-out\">You are signed out</h1><p><a href=\"/\">Sign in again</a></p>");
	}

	/**
	 * Roster sent an error back ({@code access_denied} after "Deny"), or the round trip
	 * failed.
	 */
	@GetMapping(path = "/signin-failed", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String signInFailed(HttpSession session) {
		Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		String reason = (failure instanceof OAuth2AuthenticationException refused) ? refused.getError().getErrorCode()
				: "unknown";
		return page("Not signed in", "<h1>Not signed in</h1><p id=\"sign-in-error\">Roster did not sign you in: "
				+ escape(reason) + "</p><p><a href=\"/\">Try again</a></p>");
	}

	@GetMapping("/spa/")
	String spa() {
		return "forward:/spa/index.html";
	}

	/** What the single-page app needs to know: where Roster is and who it is there. */
	@GetMapping("/spa/config.json")
	@ResponseBody
	Map<String, String> spaConfig() {
		return Map.of("issuer", this.issuer, "clientId", this.spaClientId);
	}

	private static String item(String id, String value) {
		return "<dt>" + escape(id) + "</dt><dd id=\"" + escape(id) + "\">" + escape((value != null) ? value : "")
				+ "</dd>";
	}

	private static String page(String title, String body) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\"><title>"
				+ escape(title) + " · Sample app</title></head><body>" + body + "</body></html>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
	}

	/** Enough of the token's SHA-256 to tell tokens apart, without showing the token. */
	private static String fingerprint(String token) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
