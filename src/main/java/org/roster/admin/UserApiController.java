package org.roster.admin;

import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.roster.account.CurrentUser;
import org.roster.account.OwnAccountDeletion;
import org.roster.account.RosterPrincipal;

import org.roster.web.CsvDownload;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The JSON routes of docs/API.md, Routes, behind the admin console and the profile page.
 * Each handler states who may call it; {@code account.SecurityConfig}'s URL rules say the
 * same for the admin-only routes, so either alone would refuse.
 */
@RestController
class UserApiController {

	private final UserAdministration administration;

	private final OwnAccountDeletion ownAccount;

	private final UserDirectory directory;

	private final UserCsv csv;

	UserApiController(UserAdministration administration, OwnAccountDeletion ownAccount, UserDirectory directory,
			UserCsv csv) {
		this.administration = administration;
		this.csv = csv;
		this.ownAccount = ownAccount;
		this.directory = directory;
	}

	@GetMapping(path = "/user_list", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	UserPage list(@ModelAttribute UserListParams params) {
		return this.directory.find(params.toQuery());
	}

	/**
	 * The list's current filter as CSV: with {@code Accept: text/csv}, or
	 * {@code format=csv} for the page's link; {@code bom=true} for spreadsheet apps.
	 */
	@GetMapping(path = "/user_list", produces = "text/csv")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<StreamingResponseBody> export(@ModelAttribute UserListParams params,
			@RequestParam(defaultValue = "false") boolean bom) {
		UserListQuery query = params.toQuery();
		return CsvDownload.of("roster-users", (out) -> this.csv.write(query, bom, out));
	}

	@GetMapping(path = "/user_list", params = "format=csv")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<StreamingResponseBody> exportLink(@ModelAttribute UserListParams params,
			@RequestParam(defaultValue = "false") boolean bom) {
		return export(params, bom);
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

	/**
	 * "Add user": an invited account (no password anyone knows) and its invitation, in
	 * the admin's current language.
	 */
	@PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<UserDetails> invite(@Valid @RequestBody InviteRequest request) {
		UserDetails created = this.administration.invite(CurrentUser.require(), request,
				LocaleContextHolder.getLocale());
		return ResponseEntity.created(URI.create("/edit_user?id=" + created.id())).body(created);
	}

	@PostMapping("/users/{id}/invitation")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<MailQueued> resendInvitation(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(this.administration.resendInvitation(CurrentUser.require(), id));
	}

	@PostMapping("/users/{id}/password-reset")
	@PreAuthorize("hasRole('ADMIN')")
	ResponseEntity<MailQueued> sendPasswordReset(@PathVariable long id) {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.administration.sendPasswordReset(id));
	}

	@PostMapping("/users/{id}/email-verification")
	@PreAuthorize("hasRole('ADMIN')")
	UserDetails markEmailVerified(@PathVariable long id) {
		return this.administration.markEmailVerified(id);
	}

	@PutMapping("/update_status")
	@PreAuthorize("hasRole('ADMIN')")
	StatusChange updateStatus(@Valid @RequestBody StatusChange change) {
		return this.administration.changeStatus(CurrentUser.require(), change.id(), change.status());
	}

	@PutMapping("/unlock_user")
	@PreAuthorize("hasRole('ADMIN')")
	UserDetails unlock(@RequestParam long id) {
		return this.administration.unlock(id);
	}

	/**
	 * One route for two rules: a user deleting their own account is the self-service
	 * area's ({@link OwnAccountDeletion}: password required); an admin deleting someone
	 * else is the console's ({@link UserAdministration#deleteOther}).
	 */
	@DeleteMapping("/delete_user")
	@PreAuthorize("@access.isSelfOrAdmin(#id)")
	Map<String, Object> delete(@RequestParam long id, @RequestBody(required = false) @Nullable DeleteRequest request,
			HttpServletRequest http) {
		RosterPrincipal actor = CurrentUser.require();
		if (actor.id() == id) {
			this.ownAccount.delete(actor, (request != null) ? request.password() : null,
					(request != null) ? request.username() : null);
			HttpSession session = http.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		else {
			this.administration.deleteOther(actor, id);
		}
		return Map.of("id", id, "deleted", true);
	}

}
