package org.roster.avatar;

import java.time.Duration;

import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /pictures/{publicId}}: an active user's own avatar for the applications that
 * signed them in (the {@code picture} claim), open to anyone who has that address, as
 * such pictures are elsewhere. No one else's id, no suspended user's picture and no
 * default image is served: each is a 404.
 */
@RestController
class PictureController {

	private static final CacheControl UNVERSIONED = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private static final CacheControl VERSIONED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final UserService users;

	private final AvatarService avatars;

	PictureController(UserService users, AvatarService avatars) {
		this.users = users;
		this.avatars = avatars;
	}

	@GetMapping(AvatarPaths.PICTURES + "{publicId}")
	ResponseEntity<byte[]> show(@PathVariable String publicId,
			@RequestParam(name = "v", required = false) String version) {
		User user = this.users.findByPublicId(publicId)
			.filter(User::isActive)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		ServedImage image = this.avatars.serve(user.getId());
		if (image.version() == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(image.contentType()))
			.eTag(image.etag())
			.cacheControl(image.isVersion(version) ? VERSIONED : UNVERSIONED)
			.header("X-Content-Type-Options", "nosniff")
			.body(image.bytes());
	}

}
