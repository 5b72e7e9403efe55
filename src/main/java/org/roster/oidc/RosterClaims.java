package org.roster.oidc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.roster.avatar.AvatarPaths;
import org.roster.profile.ProfileService;
import org.roster.profile.ProfileView;
import org.roster.user.User;
import org.roster.web.PublicUrl;

import org.springframework.stereotype.Component;

/**
 * What an application learns about a user, by the scopes the user granted it: {@code sub}
 * (the user's public id, never the username) and {@code preferred_username} always;
 * {@code profile}: name, picture (absolute), website, updated_at; {@code email}: email,
 * email_verified; {@code phone}: phone_number; {@code address}: address; {@code roles}:
 * roles.
 */
@Component
class RosterClaims {

	static final String ROLES_SCOPE = "roles";

	private final ProfileService profiles;

	private final PublicUrl publicUrl;

	RosterClaims(ProfileService profiles, PublicUrl publicUrl) {
		this.profiles = profiles;
		this.publicUrl = publicUrl;
	}

	Map<String, Object> of(User user, Set<String> scopes) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", user.getPublicId());
		claims.put("preferred_username", user.getUsername());
		ProfileView profile = this.profiles.get(user.getId());
		if (scopes.contains("profile")) {
			putIfText(claims, "name", profile.fullName());
			if (profile.image() != null) {
				claims.put("picture", this.publicUrl.link(AvatarPaths.picture(user.getPublicId(), profile.image())));
			}
			putIfText(claims, "website", profile.websiteLink());
			claims.put("updated_at", user.getUpdatedAt().getEpochSecond());
		}
		if (scopes.contains("email")) {
			claims.put("email", user.getEmail());
			claims.put("email_verified", user.isEmailVerified());
		}
		if (scopes.contains("phone")) {
			putIfText(claims, "phone_number", profile.phone());
		}
		if (scopes.contains("address") && !(profile.address().isEmpty() && profile.zipcode().isEmpty())) {
			Map<String, Object> address = new LinkedHashMap<>();
			putIfText(address, "formatted", profile.address());
			putIfText(address, "postal_code", profile.zipcode());
			claims.put("address", address);
		}
		if (scopes.contains(ROLES_SCOPE)) {
			claims.put("roles", roles(user));
		}
		return claims;
	}

	/**
	 * A plain list: the claims are stored with the authorization, whose JSON reader takes
	 * only the collection types Spring Security allows.
	 */
	static List<String> roles(User user) {
		return new ArrayList<>(List.of(user.getRole().name()));
	}

	private static void putIfText(Map<String, Object> claims, String name, String value) {
		if (value != null && !value.isBlank()) {
			claims.put(name, value);
		}
	}

}
