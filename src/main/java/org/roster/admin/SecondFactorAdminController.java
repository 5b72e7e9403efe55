package org.roster.admin;

import org.roster.account.SecondFactors;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The edit dialog's "Second factor": what a user has, and its removal for a user who lost
 * their phone and their recovery codes (they are told by mail, and sign in with the
 * password alone until they set up a new one). Sessions only: an API token is refused
 * before it gets here ({@code token.TokenRoutes} does not list the route).
 */
@RestController
class SecondFactorAdminController {

	private final UserService users;

	private final SecondFactors secondFactors;

	SecondFactorAdminController(UserService users, SecondFactors secondFactors) {
		this.users = users;
		this.secondFactors = secondFactors;
	}

	@GetMapping("/users/{id}/second-factors")
	@PreAuthorize("hasRole('ADMIN')")
	SecondFactorsView get(@PathVariable long id) {
		return SecondFactorsView.of(this.secondFactors.of(this.users.get(id).getId()));
	}

	@DeleteMapping("/users/{id}/second-factors")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<Void> remove(@PathVariable long id) {
		User user = this.users.get(id);
		this.secondFactors.removeAll(user);
		return ResponseEntity.noContent().build();
	}

}
