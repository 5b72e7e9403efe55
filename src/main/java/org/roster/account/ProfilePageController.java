package org.roster.account;

import org.roster.profile.ProfileService;
import org.roster.profile.ProfileView;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in user's own page: account, profile, avatar, password and account deletion.
 */
@Controller
class ProfilePageController {

	private final UserService users;

	private final ProfileService profiles;

	private final EmailVerification verification;

	ProfilePageController(UserService users, ProfileService profiles, EmailVerification verification) {
		this.users = users;
		this.profiles = profiles;
		this.verification = verification;
	}

	@GetMapping("/profile")
	String profile(Model model) {
		RosterPrincipal principal = CurrentUser.require();
		User user = this.users.get(principal.id());
		ProfileView profile = this.profiles.get(principal.id());
		model.addAttribute("user", user);
		model.addAttribute("profile", profile);
		model.addAttribute("websiteLink", profile.websiteLink());
		// "Unverified" and "send the link again" only where Roster verifies addresses.
		model.addAttribute("verificationOn", this.verification.isOn());
		return "profile";
	}

}
