package org.roster.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real server with the default settings, a client on loopback (a private address
 * like any other) gets nothing from made-up forwarded headers: no fresh throttle bucket
 * per request, no HTTPS it did not use.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ForwardedHeadersServerTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aMadeUpForwardedForGetsNoBucketOfItsOwn() throws Exception {
		int refused = 0;
		for (int i = 0; i < 40; i++) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/email_exists?email=a@example.com"))
				.header("X-Forwarded-For", "198.51.100." + i));
			if (response.statusCode() == 429) {
				refused++;
			}
		}
		assertThat(refused).as("40 calls from one address, 30 allowed a minute").isGreaterThanOrEqualTo(5);
	}

	@Test
	void aMadeUpProtoDoesNotMakeCookiesSecure() throws Exception {
		HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/login"))
			.header("Accept", "text/html")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-For", "198.51.100.200"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().allValues("Set-Cookie"))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("ROSTER_CSRF=").doesNotContainIgnoringCase("Secure"));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.GET().build(), BodyHandlers.ofString());
	}

}
