package org.roster.token;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.roster.account.CurrentUser;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token routes of docs/API.md: one's own tokens ({@code /tokens}) and, for admins,
 * anyone's ({@code /users/{id}/tokens}). Sessions only: the token chain never lets a
 * token reach them ({@link TokenRoutes}), so a token cannot make or list tokens.
 */
@RestController
class TokenController {

	private final ApiTokens tokens;

	TokenController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@PostMapping(path = "/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<CreatedToken> create(@Valid @RequestBody CreateTokenRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.tokens.create(CurrentUser.require(), request));
	}

	@GetMapping("/tokens")
	@PreAuthorize("isAuthenticated()")
	List<TokenView> mine() {
		return this.tokens.list(CurrentUser.require().id());
	}

	@DeleteMapping("/tokens/{tokenId}")
	@PreAuthorize("isAuthenticated()")
	Map<String, Object> revokeMine(@PathVariable long tokenId) {
		this.tokens.revoke(CurrentUser.require().id(), tokenId);
		return Map.of("id", tokenId, "revoked", true);
	}

	@GetMapping("/users/{id}/tokens")
	@PreAuthorize("hasRole('ADMIN')")
	List<TokenView> ofUser(@PathVariable long id) {
		return this.tokens.list(id);
	}

	@DeleteMapping("/users/{id}/tokens/{tokenId}")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Object> revoke(@PathVariable long id, @PathVariable long tokenId) {
		this.tokens.revoke(id, tokenId);
		return Map.of("id", tokenId, "revoked", true);
	}

}
