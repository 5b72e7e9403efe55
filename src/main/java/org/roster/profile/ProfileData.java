package org.roster.profile;

import java.util.Locale;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Profile fields as a client sends them; null fields mean empty. Rules per docs/API.md,
 * Data model.
 */
public record ProfileData(@Size(max = 100, message = "{validation.size.max}") @PlainText String fullName,
		@Size(max = 800, message = "{validation.size.max}") @PlainText(multiline = true) String bio,
		@Size(max = 500, message = "{validation.size.max}") @PlainText(multiline = true) String address,
		@Size(max = 16, message = "{validation.size.max}") @Pattern(regexp = "[\\p{L}\\p{N} \\-]*",
				message = "{validation.zipcode}") String zipcode,
		@Size(max = 32, message = "{validation.size.max}") @PhoneNumber String phone,
		@Size(max = 254, message = "{validation.size.max}") @Email(message = "{validation.email}") String email,
		@Size(max = 200, message = "{validation.size.max}") @WebUrl String website) {

	public static ProfileData from(ProfileView view) {
		return new ProfileData(view.fullName(), view.bio(), view.address(), view.zipcode(), view.phone(), view.email(),
				view.website());
	}

	/**
	 * This edit laid over the current profile: fields the client left out (null) keep
	 * their value.
	 */
	ProfileData over(ProfileView current) {
		return new ProfileData(pick(this.fullName, current.fullName()), pick(this.bio, current.bio()),
				pick(this.address, current.address()), pick(this.zipcode, current.zipcode()),
				pick(this.phone, current.phone()), pick(this.email, current.email()),
				pick(this.website, current.website()));
	}

	private static String pick(String value, String current) {
		return (value != null) ? value : current;
	}

	/** Trimmed, with nulls as empty strings and the contact email lower-cased. */
	ProfileData normalised() {
		return new ProfileData(clean(this.fullName), clean(this.bio), clean(this.address), clean(this.zipcode),
				clean(this.phone), clean(this.email).toLowerCase(Locale.ROOT), clean(this.website));
	}

	private static String clean(String value) {
		return (value != null) ? value.strip() : "";
	}

}
