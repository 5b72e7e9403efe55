package org.roster.profile;

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

}
