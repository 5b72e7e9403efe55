package org.roster.profile;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The profile feature's API. Validation of {@link ProfileData} happens at the web edge.
 */
@Service
public class ProfileService {

	private final ProfileRepository profiles;

	ProfileService(ProfileRepository profiles) {
		this.profiles = profiles;
	}

	@Transactional(readOnly = true)
	public ProfileView get(long userId) {
		return load(userId).toView();
	}

	/** Applies the fields the edit carries; null fields keep their current value. */
	@Transactional
	public ProfileView update(long userId, ProfileData data) {
		UserProfile profile = load(userId);
		profile.apply(data.over(profile.toView()).normalised());
		return this.profiles.saveAndFlush(profile).toView();
	}

	@Transactional(readOnly = true)
	public Optional<String> findImage(long userId) {
		return Optional.ofNullable(load(userId).getImage());
	}

	/** Points the profile at a new image (or none) and returns the URL it replaced. */
	@Transactional
	public Optional<String> replaceImage(long userId, String newUrlOrNull) {
		UserProfile profile = load(userId);
		String previous = profile.getImage();
		profile.setImage(newUrlOrNull);
		this.profiles.saveAndFlush(profile);
		return Optional.ofNullable(previous);
	}

	private UserProfile load(long userId) {
		return this.profiles.findByUserId(userId).orElseThrow(() -> new ProfileNotFoundException(userId));
	}

}
