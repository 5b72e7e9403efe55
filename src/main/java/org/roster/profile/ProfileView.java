package org.roster.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A profile as other features see it. {@code image} is the stored URL in the image store,
 * or null for the default avatar; it is never sent to browsers as is.
 */
public record ProfileView(String fullName, String bio, String address, String zipcode, String phone, String email,
		String website, String image) {

	/**
	 * The website when it is safe to render as a link (absolute http/https), else null.
	 */
	public String websiteLink() {
		return WebUrlValidator.isHttpUrl(this.website) ? this.website : null;
	}

	public boolean hasImage() {
		return this.image != null;
	}

	/**
	 * The names of the text fields (as the edit form calls them) that differ from
	 * another's.
	 */
	public List<String> changedFields(ProfileView other) {
		List<String> changed = new ArrayList<>();
		compare(changed, "fullName", this.fullName, other.fullName);
		compare(changed, "bio", this.bio, other.bio);
		compare(changed, "address", this.address, other.address);
		compare(changed, "zipcode", this.zipcode, other.zipcode);
		compare(changed, "phone", this.phone, other.phone);
		compare(changed, "email", this.email, other.email);
		compare(changed, "website", this.website, other.website);
		return changed;
	}

	private static void compare(List<String> changed, String name, String one, String other) {
		if (!Objects.equals(one, other)) {
			changed.add(name);
		}
	}

}
