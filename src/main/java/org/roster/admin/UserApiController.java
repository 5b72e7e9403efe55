package org.roster.admin;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.roster.account.CurrentUser;
import org.roster.account.RosterPrincipal;
import org.roster.user.EmailAddress;
import org.roster.user.UserService;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON routes of docs/API.md, Routes, behind the admin console and the profile page.
 */
@RestController
class UserApiController {

	private final UserAdministration administration;

	private final UserService users;

	private final UserDirectory directory;

	UserApiController(UserAdministration administration, UserService users, UserDirectory directory) {
		this.administration = administration;
		this.users = users;
		this.directory = directory;
	}

	@GetMapping(path = "/user_list", produces = MediaType.APPLICATION_JSON_VALUE)
	UserPage list(@ModelAttribute UserListParams params) {
		return this.directory.find(params.toQuery());
	}

	@GetMapping("/edit_user")
	@PreAuthorize("@access.isSelfOrAdmin(#id)")
	UserDetails details(@RequestParam long id) {
		return this.administration.details(id);
	}

	@PutMapping("/edit_user")
	@PreAuthorize("@access.isSelfOrAdmin(#id)")
	UserDetails edit(@RequestParam long id, @Valid @RequestBody EditUserRequest request) {
		return this.administration.edit(CurrentUser.require(), id, request);
	}

	@PutMapping("/update_status")
	StatusChange updateStatus(@Valid @RequestBody StatusChange change) {
		return this.administration.changeStatus(CurrentUser.require(), change.id(), change.status());
	}

	@PutMapping("/unlock_user")
	UserDetails unlock(@RequestParam long id) {
		return this.administration.unlock(id);
	}

	@DeleteMapping("/delete_user")
	@PreAuthorize("@access.isSelfOrAdmin(#id)")
	Map<String, Object> delete(@RequestParam long id, @RequestBody(required = false) DeleteRequest request,
			HttpServletRequest http) {
		RosterPrincipal actor = CurrentUser.require();
		this.administration.delete(actor, id, request);
		if (actor.id() == id && http.getSession(false) != null) {
			http.getSession(false).invalidate();
		}
		return Map.of("id", id, "deleted", true);
	}

	/** Open to anyone (registration uses it) and throttled per client address. */
	@GetMapping("/email_exists")
	EmailCheck emailExists(@RequestParam String email, @RequestParam(required = false) Long excludeId) {
		String normalised = email.strip().toLowerCase(java.util.Locale.ROOT);
		boolean valid = EmailAddress.isValid(normalised);
		return new EmailCheck(normalised, valid, valid && this.users.emailTaken(normalised, excludeId));
	}

	record EmailCheck(String email, boolean valid, boolean exists) {
	}

}
