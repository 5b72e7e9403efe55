package org.roster.avatar;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.stereotype.Component;

/**
 * Fetches a picture from another site (a sign-in provider's avatar) for the avatar
 * pipeline: a few seconds at most, no more bytes than an upload may have, and only over
 * HTTP(S) redirects that never go from https to http. The bytes are then validated and
 * re-encoded like an upload; the address is never shown to browsers.
 */
@Component
class PictureFetcher {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(CONNECT_TIMEOUT)
		.followRedirects(HttpClient.Redirect.NORMAL)
		.build();

	private final long maxBytes;

	PictureFetcher(AvatarProperties properties) {
		this.maxBytes = properties.maxBytes().toBytes();
	}

	/**
	 * @throws Unavailable if the site cannot be reached in time, does not answer 200, or
	 * sends more than an upload may have
	 */
	byte[] fetch(URI address) {
		HttpRequest request = HttpRequest.newBuilder(address)
			.timeout(TIMEOUT)
			.header("Accept", "image/*")
			.GET()
			.build();
		try {
			HttpResponse<InputStream> response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream body = response.body()) {
				if (response.statusCode() != 200) {
					throw new Unavailable("the picture's address answered " + response.statusCode(), null);
				}
				byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
				if (bytes.length > this.maxBytes) {
					throw new Unavailable("the picture is larger than an upload may be", null);
				}
				return bytes;
			}
		}
		catch (IOException ex) {
			throw new Unavailable("the picture could not be fetched: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Unavailable("interrupted while fetching the picture", ex);
		}
	}

	/** The picture could not be had. */
	static class Unavailable extends RuntimeException {

		Unavailable(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
