package org.roster.profile;

/**
 * A profile as other features see it. {@code image} is the stored URL in the image store,
 * or null for the default avatar; it is never sent to browsers as is.
 */
public record ProfileView(String fullName, String bio, String address, String zipcode, String phone, String email,
		String website, String image) {

	public boolean hasImage() {
		return this.image != null;
	}

}
