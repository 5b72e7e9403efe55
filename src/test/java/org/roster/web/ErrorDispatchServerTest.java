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
 * Through Tomcat's own error dispatch, which MockMvc does not make: a script gets problem
 * details where Boot answered its JSON map, a browser keeps the error page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ErrorDispatchServerTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aFormPostWithoutCsrfTokenGetsProblemDetailsOrThePage() throws Exception {
		HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/register"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=x"));
		HttpResponse<String> script = this.http.send(post.header("Accept", "application/json").build(),
				BodyHandlers.ofString());
		assertThat(script.statusCode()).isEqualTo(403);
		assertThat(script.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(script.body()).contains("\"type\":\"/problems/forbidden\"", "\"status\":403")
			.doesNotContain("timestamp");

		HttpResponse<String> page = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/register"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString("username=x"))
				.build(), BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("Access denied");
	}

}
