package org.roster.avatar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.roster.profile.ProfileDeletedEvent;
import org.roster.profile.ProfileService;
import org.roster.web.Sha256;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Avatars: upload, removal and serving. The file goes to the {@link ImageStore}, its URL
 * into the profile; the order of the steps is chosen so that a failure leaves the profile
 * with its previous image and no file without a profile pointing at it.
 */
@Service
public class AvatarService {

	private static final Log logger = LogFactory.getLog(AvatarService.class);

	/** Bounds the cache in bytes: 64 MiB. */
	private static final long CACHE_WEIGHT = 64L * 1024 * 1024;

	/**
	 * Each entry weighs at least this much, which also bounds the cache to about 2 000
	 * entries however small the images are.
	 */
	private static final int MIN_ENTRY_WEIGHT = 32 * 1024;

	private final ImageStore store;

	private final AvatarImageProcessor processor;

	private final Counter uploaded;

	private final Counter failed;

	private final ProfileService profiles;

	/**
	 * Images by stored URL. A URL never changes its content (every upload gets a new
	 * name), so entries need no invalidation except when their file is deleted.
	 */
	private final Cache<String, StoredImage> cache = Caffeine.newBuilder()
		.maximumWeight(CACHE_WEIGHT)
		.<String, StoredImage>weigher((url, image) -> Math.max(image.bytes().length, MIN_ENTRY_WEIGHT))
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	private final ServedImage defaultImage;

	@Autowired
	AvatarService(ImageStore store, AvatarImageProcessor processor, ProfileService profiles, MeterRegistry registry) {
		this.store = store;
		this.processor = processor;
		this.profiles = profiles;
		this.defaultImage = loadDefaultImage();
		this.uploaded = Counter.builder("roster.avatar.uploads")
			.description("Avatar uploads")
			.tag("outcome", "success")
			.register(registry);
		this.failed = Counter.builder("roster.avatar.uploads")
			.description("Avatar uploads")
			.tag("outcome", "failure")
			.register(registry);
	}

	/** Without metrics, for tests of the service alone. */
	AvatarService(ImageStore store, AvatarImageProcessor processor, ProfileService profiles) {
		this(store, processor, profiles, new SimpleMeterRegistry());
	}

	/**
	 * Replaces the user's avatar.
	 * @return the stored URL of the new image
	 * @throws InvalidImageException if the bytes are not an acceptable image
	 * @throws ImageStoreException if the store fails; the profile is unchanged
	 * @throws org.roster.profile.ProfileNotFoundException if there is no such user
	 */
	public String upload(long userId, byte[] bytes) {
		try {
			String url = store(userId, bytes);
			this.uploaded.increment();
			return url;
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			throw ex;
		}
	}

	private String store(long userId, byte[] bytes) {
		ProcessedImage image = this.processor.process(bytes);
		// A random name: the client's file name never becomes a path, and a new URL for
		// every upload lets caches keep an image forever.
		String url = this.store.putNew("avatars/" + userId, image.extension(), image.bytes(), image.contentType());
		Optional<String> previous;
		try {
			previous = this.profiles.replaceImage(userId, url);
		}
		catch (RuntimeException ex) {
			// The profile still points at its old image, so the new file would be an
			// orphan.
			discard(url);
			throw ex;
		}
		this.cache.put(url, new StoredImage(image.bytes(), image.contentType()));
		previous.ifPresent(this::discard);
		return url;
	}

	/**
	 * Goes back to the default avatar.
	 * @throws org.roster.profile.ProfileNotFoundException if there is no such user
	 */
	public void remove(long userId) {
		// The profile first: if the file cannot be deleted, it is only an orphan.
		this.profiles.replaceImage(userId, null).ifPresent(this::discard);
	}

	/**
	 * The user's avatar, or the default one. Repeated views come from memory.
	 * @throws ImageStoreException if the store fails
	 * @throws org.roster.profile.ProfileNotFoundException if there is no such user
	 */
	public ServedImage serve(long userId) {
		Optional<String> url = this.profiles.findImage(userId).filter((stored) -> owned(userId, stored));
		if (url.isEmpty()) {
			return this.defaultImage;
		}
		try {
			StoredImage image = this.cache.get(url.get(), this.store::get);
			return new ServedImage(image.bytes(), image.contentType(), etag(url.get()), AvatarPaths.version(url.get()));
		}
		catch (ImageNotFoundException ex) {
			logger.warn("Serving the default avatar for user " + userId + ": " + ex.getMessage());
			return this.defaultImage;
		}
	}

	/**
	 * Deletes the file of a deleted profile, after the deletion has committed (a rollback
	 * never loses an image still referenced). Spring Modulith's event publication
	 * registry recorded this call in the same transaction: when the store fails (FTP
	 * server down) the exception leaves the publication incomplete and
	 * {@code storage.EventPublicationRetry} calls again until the file is gone. The
	 * registry names the listener by class and method: renaming either orphans the
	 * publications still waiting.
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void onProfileDeleted(ProfileDeletedEvent event) {
		String url = event.imageUrl();
		if (url == null) {
			return;
		}
		// A file already gone counts as deleted, so a retry after a partial success is
		// harmless.
		try {
			deleteStored(url);
		}
		catch (ImageStoreException ex) {
			// Expected while the FTP server is down: one line here; the registry records
			// the failure (rethrown) and the retry comes back to it.
			logger.warn("Could not delete " + url + ", will retry: " + ex.getMessage());
			throw ex;
		}
	}

	private boolean owned(long userId, String url) {
		if (this.store.owns(url)) {
			return true;
		}
		// Never fetch what the store does not own: it could point anywhere.
		logger.warn("The avatar of user " + userId + " is not in the configured image store; serving the default");
		return false;
	}

	/** Deletes a file that no profile points at any more; a failure leaves an orphan. */
	private void discard(String url) {
		try {
			deleteStored(url);
		}
		catch (ImageStoreException ex) {
			logger.warn("Could not delete the replaced avatar " + url + ", it stays as an orphan: " + ex.getMessage());
		}
	}

	/** Forgets a file no profile points at and deletes it, if it is in this store. */
	private void deleteStored(String url) {
		this.cache.invalidate(url);
		if (this.store.owns(url)) {
			this.store.delete(url);
		}
		else {
			logger.info("Not deleting " + url + ": it is not in the configured image store");
		}
	}

	private static ServedImage loadDefaultImage() {
		try (InputStream in = new ClassPathResource("static/img/default-avatar.png").getInputStream()) {
			byte[] bytes = in.readAllBytes();
			return new ServedImage(bytes, "image/png", "\"default-" + Sha256.hex(bytes).substring(0, 16) + "\"", null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The default avatar is missing from the application", ex);
		}
	}

	/** Derived from the URL alone, so it needs no file access. */
	static String etag(String url) {
		return "\"" + Sha256.hex(url).substring(0, 32) + "\"";
	}

}
