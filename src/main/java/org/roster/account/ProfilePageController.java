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

	ProfilePageController(UserService users, ProfileService profiles) {
		this.users = users;
		this.profiles = profiles;
	}

	@GetMapping("/profile")
	String profile(Model model) {
		RosterPrincipal principal = CurrentUser.require();
		User user = this.users.get(principal.id());
		ProfileView profile = this.profiles.get(principal.id());
		model.addAttribute("user", user);
		model.addAttribute("profile", profile);
		model.addAttribute("websiteLink", profile.websiteLink());
		return "profile";
	}

}
