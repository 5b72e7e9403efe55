package org.roster.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address users reach Roster at ({@code roster.public-url}, env
 * {@code ROSTER_PUBLIC_URL}): every link that leaves the site (in mail) starts with it,
 * never with a request's {@code Host} or forwarded headers, which a client can forge.
 */
@Component
public class PublicUrl {

	public static final String DEFAULT = "http://localhost:8080";

	private final String base;

	PublicUrl(@Value("${roster.public-url:" + DEFAULT + "}") String configured) {
		this.base = validated(configured);
	}

	/** {@code path} (starting with {@code /}) with one query parameter, URL-encoded. */
	public String link(String path, String parameter, String value) {
		return this.base + path + "?" + parameter + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** {@code path} (starting with {@code /}) under the public address. */
	public String link(String path) {
		return this.base + path;
	}

	/**
	 * The host name alone: the relying-party id of passkeys, which are bound to it.
	 */
	public String host() {
		return URI.create(this.base).getHost();
	}

	/** Scheme, host and port (if any), without a path: what browsers send as Origin. */
	public String origin() {
		URI uri = URI.create(this.base);
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

	public boolean isDefault() {
		return this.base.equals(DEFAULT);
	}

	@Override
	public String toString() {
		return this.base;
	}

	private static String validated(String configured) {
		String trimmed = configured.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		try {
			URI uri = new URI(trimmed);
			boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
			if (!http || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null
					|| uri.getUserInfo() != null) {
				throw new URISyntaxException(trimmed, "not an http(s) address without query or user");
			}
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("roster.public-url (ROSTER_PUBLIC_URL) must be an http:// or https:// "
					+ "address such as https://roster.example.com, not '" + configured + "'");
		}
		return trimmed;
	}

}
