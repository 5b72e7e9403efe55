package org.roster.user;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An account. Other features read it; changes go through {@link UserService} so that
 * events, normalisation and guards are never bypassed (setters are package-private).
 */
@Entity
@Table(name = "users")
public class User {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 32)
	private String username;

	/** Lower-case copy of the username: the database keeps it unique. */
	@Column(name = "username_key", nullable = false, length = 32)
	private String usernameKey;

	@Column(nullable = false, length = 254)
	private String email;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private Role role = Role.USER;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, length = 16)
	private UserStatus status = UserStatus.ACTIVE;

	@Column(name = "failed_logins", nullable = false)
	private int failedLogins;

	@Column(name = "locked_until")
	private Instant lockedUntil;

	@Column(name = "last_login_at")
	private Instant lastLoginAt;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private long version;

	/** Whether the owner has shown they receive mail at {@link #email}. */
	@Column(name = "email_verified", nullable = false)
	private boolean emailVerified;

	/** Created by an admin's invitation, and no password chosen yet. */
	@Column(nullable = false)
	private boolean invited;

	/**
	 * False while the password is the hash of a random one nobody knows (an account made
	 * by signing in with another account); true once its owner set one.
	 */
	@Column(name = "password_set", nullable = false)
	private boolean passwordSet = true;

	/**
	 * The subject ({@code sub}) applications see for this user: random, stable, never the
	 * username.
	 */
	@Column(name = "public_id", nullable = false, updatable = false, length = 36)
	private String publicId;

	/** The language mail to this user is written in (a BCP 47 tag), null: English. */
	@Column(length = 16)
	private @Nullable String language;

	protected User() {
	}

	User(NewUser user) {
		setUsername(user.username());
		setEmail(user.email());
		this.passwordHash = user.passwordHash();
		this.role = user.role();
		this.emailVerified = user.emailVerified();
		this.invited = user.invited();
		this.passwordSet = user.passwordSet();
		this.publicId = UUID.randomUUID().toString();
		setLanguage(user.language());
	}

	@PrePersist
	void onCreate() {
		Instant now = Instant.now();
		this.createdAt = now;
		this.updatedAt = now;
	}

	@PreUpdate
	void onUpdate() {
		this.updatedAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getUsername() {
		return this.username;
	}

	public String getEmail() {
		return this.email;
	}

	public String getPasswordHash() {
		return this.passwordHash;
	}

	public Role getRole() {
		return this.role;
	}

	public UserStatus getStatus() {
		return this.status;
	}

	public int getFailedLogins() {
		return this.failedLogins;
	}

	public Instant getLockedUntil() {
		return this.lockedUntil;
	}

	public boolean isLockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	public Instant getLastLoginAt() {
		return this.lastLoginAt;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public long getVersion() {
		return this.version;
	}

	public boolean isEmailVerified() {
		return this.emailVerified;
	}

	public boolean isInvited() {
		return this.invited;
	}

	/** Whether the owner knows a password of this account (see {@link #passwordSet}). */
	public boolean hasPassword() {
		return this.passwordSet;
	}

	/** The language mail to this user is written in. */
	public Locale getLanguage() {
		return (this.language != null) ? Locale.forLanguageTag(this.language) : Locale.ENGLISH;
	}

	/** The subject other applications know this user by (OpenID Connect {@code sub}). */
	public String getPublicId() {
		return this.publicId;
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	public boolean isActive() {
		return this.status == UserStatus.ACTIVE;
	}

	void setUsername(String username) {
		this.username = username;
		this.usernameKey = username.toLowerCase(Locale.ROOT);
	}

	/** A new address is not verified until its owner confirms it. */
	void setEmail(String email) {
		String normalised = normaliseEmail(email);
		if (!normalised.equals(this.email)) {
			this.emailVerified = false;
		}
		this.email = normalised;
	}

	void setEmailVerified(boolean verified) {
		this.emailVerified = verified;
	}

	void setInvited(boolean invited) {
		this.invited = invited;
	}

	void setLanguage(@Nullable Locale language) {
		this.language = (language != null) ? language.toLanguageTag() : null;
	}

	void setPasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
		this.passwordSet = true;
	}

	void setRole(Role role) {
		this.role = role;
	}

	void setStatus(UserStatus status) {
		this.status = status;
	}

	void clearLock() {
		this.failedLogins = 0;
		this.lockedUntil = null;
	}

	static String normaliseEmail(String email) {
		return EmailAddress.normalise(email);
	}

}
