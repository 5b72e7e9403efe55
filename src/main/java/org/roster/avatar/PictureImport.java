package org.roster.avatar;

import java.net.URI;

import org.roster.profile.ProfileService;

import org.springframework.stereotype.Service;

/**
 * A picture from another site becomes a user's avatar through the upload's pipeline
 * (validated, re-encoded, stored in the image store), unless the user has one already.
 */
@Service
public class PictureImport {

	private final PictureFetcher fetcher;

	private final AvatarService avatars;

	private final ProfileService profiles;

	PictureImport(PictureFetcher fetcher, AvatarService avatars, ProfileService profiles) {
		this.fetcher = fetcher;
		this.avatars = avatars;
		this.profiles = profiles;
	}

	/**
	 * @return whether the picture became the avatar
	 * @throws RuntimeException if it cannot be fetched, is no acceptable image or cannot
	 * be stored (the profile is unchanged)
	 */
	public boolean importIfNone(long userId, URI picture) {
		if (this.profiles.findImage(userId).isPresent()) {
			return false;
		}
		byte[] bytes = this.fetcher.fetch(picture);
		// Checked again: the user may have uploaded one while the picture was on its way.
		if (this.profiles.findImage(userId).isPresent()) {
			return false;
		}
		this.avatars.upload(userId, bytes);
		return true;
	}

}
