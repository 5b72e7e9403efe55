package org.roster.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.roster.account.CurrentUser;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.account.Invitations;
import org.roster.account.PasswordResets;
import org.roster.account.EmailVerification;
import org.roster.account.RosterPrincipal;
import org.roster.account.SessionRevoker;
import org.roster.profile.ProfileService;
import org.roster.profile.ProfileView;
import org.roster.user.AccountChanges;
import org.roster.user.DuplicateUserException;
import org.roster.user.EmailAddress;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;
import org.roster.user.UserStatus;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the admin console (and a user on their own profile) may do to an account, with the
 * guards of docs/API.md, Routes: nobody changes their own role or status, and the last
 * active admin stays. Deleting one's own account is the self-service area's
 * ({@code account.OwnAccountDeletion}).
 */
@Service
class UserAdministration {

	private final UserService users;

	private final ProfileService profiles;

	private final SessionRevoker sessions;

	private final Invitations invitations;

	private final PasswordResets resets;

	private final EmailVerification verification;

	private final ActivityLog activity;

	UserAdministration(UserService users, ProfileService profiles, SessionRevoker sessions, Invitations invitations,
			PasswordResets resets, EmailVerification verification, ActivityLog activity) {
		this.activity = activity;
		this.users = users;
		this.profiles = profiles;
		this.sessions = sessions;
		this.invitations = invitations;
		this.resets = resets;
		this.verification = verification;
	}

	@Transactional(readOnly = true)
	UserDetails details(long id) {
		User user = this.users.get(id);
		return UserDetails.of(user, this.profiles.get(id), this.verification.pendingEmail(user));
	}

	/**
	 * Account and profile change in one transaction, against the version the client saw.
	 */
	@Transactional
	UserDetails edit(RosterPrincipal actor, long id, EditUserRequest request) {
		if (request.version() == null) {
			throw new VersionRequiredException();
		}
		User current = this.users.get(id);
		Role role = request.role();
		if (role != null && role != current.getRole()) {
			if (!actor.isAdmin()) {
				throw new AccessDeniedException("Only an admin can change a role.");
			}
			if (actor.id() == id) {
				throw new AdminActionRefusedException("problem.own-account.role");
			}
		}
		if (request.email() != null && !EmailAddress.isValid(request.email())) {
			throw new InvalidFieldsException(Map.of("email", "validation.email"));
		}
		// Read before the update: both are the same managed entity.
		Role previousRole = current.getRole();
		String previousEmail = current.getEmail();
		String wantedEmail = (request.email() != null) ? EmailAddress.normalise(request.email()) : null;
		boolean newEmail = wantedEmail != null && !wantedEmail.equals(previousEmail);
		if (newEmail) {
			// A leaked API token must not move the account (or another's) to an address
			// whose reset link its holder reads.
			CurrentUser.requireSession("problem.token-refused.email");
		}
		// The owner's own new address waits for a link sent to it (the account keeps the
		// old one until then); an admin's change of someone else's applies at once.
		boolean awaitsConfirmation = newEmail && actor.id() == id && this.verification.changesWaitForConfirmation();
		if (awaitsConfirmation && this.users.emailTaken(wantedEmail, id)) {
			throw new DuplicateUserException("email");
		}
		User user = this.users.update(id, request.version(),
				new AccountChanges(awaitsConfirmation ? null : request.email(), role));
		List<String> profileFields = List.of();
		if (request.profile() != null) {
			ProfileView before = this.profiles.get(id);
			profileFields = this.profiles.update(id, request.profile()).changedFields(before);
		}
		recordEdit(actor, user, previousRole, newEmail && !awaitsConfirmation ? previousEmail : null, profileFields);
		if (user.getRole() != previousRole) {
			// Sessions carry the role they were signed in with: a demoted admin would
			// keep admin rights on every node until the session expired.
			this.sessions.revokeAll(user);
		}
		if (awaitsConfirmation) {
			this.verification.changeRequested(user, wantedEmail);
		}
		else if (newEmail && actor.id() != id) {
			this.verification.addressSetByAdmin(user);
		}
		return UserDetails.of(user, this.profiles.get(id), this.verification.pendingEmail(user));
	}

	/**
	 * The events of an edit: one's own profile change, or an admin's edit of someone else
	 * (which fields), and the role and address changes each as their own event.
	 */
	private void recordEdit(RosterPrincipal actor, User user, Role previousRole, @Nullable String previousEmail,
			List<String> profileFields) {
		List<String> fields = new ArrayList<>();
		if (previousEmail != null) {
			fields.add("accountEmail");
			this.activity.record(Action.EMAIL_CHANGE)
				.target(user)
				.detail("from", previousEmail)
				.detail("to", user.getEmail())
				.save();
		}
		if (user.getRole() != previousRole) {
			fields.add("role");
			this.activity.record(Action.ROLE_CHANGE)
				.target(user)
				.detail("from", previousRole.name())
				.detail("to", user.getRole().name())
				.save();
		}
		fields.addAll(profileFields);
		if (actor.id() != user.getId() && !fields.isEmpty()) {
			this.activity.record(Action.ADMIN_EDIT).target(user).detail("fields", fields).save();
		}
		else if (actor.id() == user.getId() && !profileFields.isEmpty()) {
			this.activity.record(Action.PROFILE_CHANGE).target(user).detail("fields", profileFields).save();
		}
	}

	/**
	 * The invited account, its profile fields and the invitation mail in one transaction:
	 * a refused profile creates no account and sends nothing.
	 */
	@Transactional
	UserDetails invite(RosterPrincipal actor, InviteRequest request, Locale language) {
		User user = this.invitations.invite(String.valueOf(request.username()), String.valueOf(request.email()),
				(request.role() != null) ? request.role() : Role.USER, language, actor.username());
		if (request.profile() != null) {
			this.profiles.update(user.getId(), request.profile());
		}
		return UserDetails.of(user, this.profiles.get(user.getId()));
	}

	@Transactional
	MailQueued resendInvitation(RosterPrincipal actor, long id) {
		User user = this.invitations.resend(id, actor.username());
		return new MailQueued(user.getId(), user.getEmail());
	}

	@Transactional
	MailQueued sendPasswordReset(long id) {
		User user = this.resets.sendLink(id);
		return new MailQueued(user.getId(), user.getEmail());
	}

	/** The admin vouches for the address: it counts as confirmed. */
	@Transactional
	UserDetails markEmailVerified(long id) {
		User user = this.users.markEmailVerified(id);
		this.activity.record(Action.EMAIL_VERIFIED).target(user).detail("by", "admin").save();
		return details(id);
	}

	@Transactional
	StatusChange changeStatus(RosterPrincipal actor, long id, UserStatus status) {
		if (actor.id() == id) {
			throw new AdminActionRefusedException("problem.own-account.status");
		}
		UserStatus previous = this.users.get(id).getStatus();
		User user = this.users.changeStatus(id, status);
		if (previous != status) {
			this.activity.record(Action.STATUS_CHANGE)
				.target(user)
				.detail("from", previous.name())
				.detail("to", status.name())
				.save();
		}
		if (status == UserStatus.SUSPENDED) {
			this.sessions.revokeAll(user);
		}
		return new StatusChange(user.getId(), user.getStatus());
	}

	@Transactional
	UserDetails unlock(long id) {
		User user = this.users.get(id);
		if (user.isLockedAt(Instant.now()) || user.getFailedLogins() > 0) {
			this.activity.record(Action.UNLOCK).target(user).detail("failedLogins", user.getFailedLogins()).save();
		}
		this.users.unlock(id);
		return details(id);
	}

	/**
	 * Admins delete other users (their own account is
	 * {@code account.OwnAccountDeletion}'s). Profile and avatar go with the user (domain
	 * events); sessions end at once.
	 */
	@Transactional
	void deleteOther(RosterPrincipal actor, long id) {
		User user = this.users.get(id);
		if (!actor.isAdmin()) {
			throw new AccessDeniedException("Only an admin can delete another user.");
		}
		this.activity.record(Action.DELETION).target(user).detail("email", user.getEmail()).save();
		this.users.delete(id);
		this.sessions.revokeAll(user);
	}

}
