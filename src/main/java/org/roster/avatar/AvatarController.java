package org.roster.avatar;

import java.io.IOException;
import java.time.Duration;

import org.roster.activity.Action;
import org.roster.activity.ActivityLog;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /users/{id}/image}: upload (admin or the user), view (anyone signed in), remove
 * (admin or the user). Failures become problem details in {@link AvatarProblems}.
 */
@RestController
@RequestMapping("/users/{id}/image")
class AvatarController {

	/**
	 * Private: avatars are only for signed-in users. Pages link to versioned URLs (see
	 * {@link AvatarPaths}), so a short lifetime only matters for unversioned links.
	 */
	private static final CacheControl CACHE_CONTROL = CacheControl.maxAge(Duration.ofMinutes(5)).cachePrivate();

	/**
	 * A versioned address names one stored file, which never changes (a new upload gets a
	 * new name and so a new address): browsers need not ask again.
	 */
	private static final CacheControl VERSIONED = CacheControl.maxAge(Duration.ofDays(365)).cachePrivate().immutable();

	private final AvatarService avatars;

	private final ActivityLog activity;

	AvatarController(AvatarService avatars, ActivityLog activity) {
		this.activity = activity;
		this.avatars = avatars;
	}

	@PostMapping
	@PreAuthorize("@access.isSelfOrAdmin(#id)")
	ImageLocation upload(@PathVariable long id, @RequestParam("image") MultipartFile image) throws IOException {
		String url = this.avatars.upload(id, image.getBytes());
		this.activity.record(Action.AVATAR_CHANGE).targetId(id).save();
		return new ImageLocation(AvatarPaths.of(id, url));
	}

	/** Spring answers {@code If-None-Match} with 304 from the ETag set here. */
	@GetMapping
	ResponseEntity<byte[]> show(@PathVariable long id, @RequestParam(name = "v", required = false) String version) {
		ServedImage image = this.avatars.serve(id);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(image.contentType()))
			.eTag(image.etag())
			.cacheControl(image.isVersion(version) ? VERSIONED : CACHE_CONTROL)
			.header("X-Content-Type-Options", "nosniff")
			.body(image.bytes());
	}

	@DeleteMapping
	@PreAuthorize("@access.isSelfOrAdmin(#id)")
	ImageLocation remove(@PathVariable long id) {
		this.avatars.remove(id);
		this.activity.record(Action.AVATAR_REMOVAL).targetId(id).save();
		return new ImageLocation(AvatarPaths.of(id, null));
	}

	/** Where the browser loads the avatar from now. */
	record ImageLocation(String imageUrl) {
	}

}
