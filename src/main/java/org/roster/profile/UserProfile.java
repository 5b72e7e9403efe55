package org.roster.profile;

import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

/** The extended profile, one per user. Linked by id only, so features stay decoupled. */
@Entity
@Table(name = "user_profiles")
class UserProfile {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false, updatable = false)
	private long userId;

	@Column(name = "full_name", nullable = false, length = 100)
	private String fullName = "";

	/** Lower-case copy for the admin list's prefix search. */
	@Column(name = "full_name_key", nullable = false, length = 100)
	private String fullNameKey = "";

	@Column(nullable = false, length = 800)
	private String bio = "";

	@Column(nullable = false, length = 500)
	private String address = "";

	@Column(nullable = false, length = 16)
	private String zipcode = "";

	@Column(nullable = false, length = 32)
	private String phone = "";

	@Column(nullable = false, length = 254)
	private String email = "";

	@Column(nullable = false, length = 200)
	private String website = "";

	@Column(length = 1000)
	private String image;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected UserProfile() {
	}

	UserProfile(long userId, String email) {
		this.userId = userId;
		this.email = email;
	}

	@PrePersist
	@PreUpdate
	void onWrite() {
		this.updatedAt = Instant.now();
	}

	long getUserId() {
		return this.userId;
	}

	String getImage() {
		return this.image;
	}

	void setImage(String image) {
		this.image = image;
	}

	void apply(ProfileData data) {
		this.fullName = data.fullName();
		this.fullNameKey = data.fullName().toLowerCase(Locale.ROOT);
		this.bio = data.bio();
		this.address = data.address();
		this.zipcode = data.zipcode();
		this.phone = data.phone();
		this.email = data.email();
		this.website = data.website();
	}

	ProfileView toView() {
		return new ProfileView(this.fullName, this.bio, this.address, this.zipcode, this.phone, this.email,
				this.website, this.image);
	}

}
