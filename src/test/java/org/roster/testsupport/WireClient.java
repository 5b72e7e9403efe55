package org.roster.testsupport;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A cookie jar and no automatic redirects, like a browser seen from the server: pages are
 * asked for as HTML, forms are sent with the CSRF token of the page they are on.
 */
public final class WireClient {

	private final String base;

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(this.cookies)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	/**
	 * @param base the server's address, e.g. {@code http://127.0.0.1:8080}
	 */
	public WireClient(String base) {
		this.base = base;
	}

	public String url(String pathOrUrl) {
		return pathOrUrl.startsWith("http") ? pathOrUrl : this.base + pathOrUrl;
	}

	public HttpResponse<String> get(String pathOrUrl) throws Exception {
		return get(pathOrUrl, "text/html");
	}

	/** A GET asking for {@code accept}, with this client's cookies. */
	public HttpResponse<String> get(String pathOrUrl, String accept) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(pathOrUrl))).header("Accept", accept).GET().build(),
				BodyHandlers.ofString());
	}

	/** Follows redirects (across servers too) and returns the last answer. */
	public HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
		HttpResponse<String> current = response;
		for (int hops = 0; hops < 10 && isRedirect(current); hops++) {
			current = get(current.uri().resolve(location(current)).toString());
		}
		return current;
	}

	public static boolean isRedirect(HttpResponse<String> response) {
		return response.statusCode() / 100 == 3;
	}

	public static String location(HttpResponse<String> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

	public String csrfToken(String pagePath) throws Exception {
		return get(pagePath).body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
	}

	/**
	 * Sends a form from {@code formPage} to {@code action}, with that page's CSRF token.
	 */
	public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) throws Exception {
		Map<String, String> withToken = new HashMap<>(fields);
		withToken.put("_csrf", csrfToken(formPage));
		return post(action, withToken);
	}

	public HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
		String form = fields.entrySet()
			.stream()
			.map((field) -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(BodyPublishers.ofString(form))
			.build(), BodyHandlers.ofString());
	}

	/** A form whose fields are already encoded (a field may repeat). */
	public HttpResponse<String> postForm(String path, String encodedForm) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(BodyPublishers.ofString(encodedForm))
			.build(), BodyHandlers.ofString());
	}

	/** A script's JSON call, with the CSRF header a page's script sends. */
	public HttpResponse<String> send(String method, String path, String csrfToken, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("X-CSRF-TOKEN", csrfToken)
			.method(method, BodyPublishers.ofString(json))
			.build(), BodyHandlers.ofString());
	}

	/**
	 * A script's upload of one file (multipart field {@code field}), with the CSRF
	 * header.
	 */
	public HttpResponse<String> upload(String path, String csrfToken, String field, String filename, byte[] content)
			throws Exception {
		String boundary = "roster-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return this.http.send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept", "application/json")
			.header("X-CSRF-TOKEN", csrfToken)
			.POST(BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), BodyHandlers.ofString());
	}

	public HttpCookie cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
