package org.roster.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.roster.activity.ActivityLog;
import org.roster.account.ExternalIdentities.Identity;
import org.roster.account.ExternalProviders.Provider;
import org.roster.account.ExternalSignIns.Notice;

import org.roster.profile.ProfileService;
import org.roster.profile.ProfileView;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in user's own page: account, profile, avatar, sign-in methods (providers,
 * passkeys), password and account deletion.
 */
@Controller
class ProfilePageController {

	private final UserService users;

	private final ProfileService profiles;

	private final EmailVerification verification;

	private final ExternalProviders providers;

	private final ExternalIdentities identities;

	private final SecondFactors secondFactors;

	private final Passkeys passkeys;

	private final RecentSignIn recentSignIn;

	private final ActivityLog activity;

	ProfilePageController(UserService users, ProfileService profiles, EmailVerification verification,
			ExternalProviders providers, ExternalIdentities identities, SecondFactors secondFactors, Passkeys passkeys,
			RecentSignIn recentSignIn, ActivityLog activity) {
		this.secondFactors = secondFactors;
		this.passkeys = passkeys;
		this.recentSignIn = recentSignIn;
		this.activity = activity;
		this.users = users;
		this.profiles = profiles;
		this.verification = verification;
		this.providers = providers;
		this.identities = identities;
	}

	@GetMapping("/profile")
	String profile(Model model, HttpServletRequest request) {
		RosterPrincipal principal = CurrentUser.require();
		User user = this.users.get(principal.id());
		ProfileView profile = this.profiles.get(principal.id());
		model.addAttribute("user", user);
		model.addAttribute("profile", profile);
		model.addAttribute("websiteLink", profile.websiteLink());
		// "Unverified" and "send the link again" only where Roster verifies addresses.
		model.addAttribute("verificationOn", this.verification.isOn());
		model.addAttribute("signInMethods", signInMethods(user.getId()));
		model.addAttribute("externalNotice", takeNotice(request));
		model.addAttribute("recentActivity", this.activity.recentSecurityEvents(user.getId()));
		model.addAttribute("secondFactors", this.secondFactors.of(user.getId()));
		model.addAttribute("passkeys", this.passkeys.of(user));
		// A change of sign-in methods asks for the password unless the sign-in is recent.
		boolean recent = this.recentSignIn.isFresh(request.getSession());
		model.addAttribute("recentSignIn", recent);
		model.addAttribute("passkeyConfirmNeeded", !recent);
		return "profile";
	}

	/** Every configured provider, with the user's link to it, if any. */
	private List<SignInMethod> signInMethods(long userId) {
		if (!this.providers.any()) {
			return List.of();
		}
		Map<String, Identity> linked = new HashMap<>();
		this.identities.ofUser(userId).forEach((identity) -> linked.put(identity.provider(), identity));
		return this.providers.all()
			.stream()
			.map((provider) -> new SignInMethod(provider, linked.get(provider.id())))
			.toList();
	}

	/** What the last link or removal did, said once. */
	private static @Nullable Notice takeNotice(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(ExternalSignIns.NOTICE) instanceof Notice notice) {
			session.removeAttribute(ExternalSignIns.NOTICE);
			return notice;
		}
		return null;
	}

	/** A provider on the profile: linked (with when and which address) or not. */
	record SignInMethod(Provider provider, @Nullable Identity identity) {
	}

}
