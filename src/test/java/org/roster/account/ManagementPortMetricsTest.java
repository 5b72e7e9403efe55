package org.roster.account;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;

import org.junit.jupiter.api.Test;
import org.roster.testsupport.ServerTest;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a management port ({@code management.server.port}), Prometheus scrapes there
 * without signing in, and the application's port has no actuator at all.
 */
@ServerTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortMetricsTest {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void prometheusScrapesTheManagementPortWithoutSigningIn() throws Exception {
		HttpResponse<String> scrape = get(this.managementPort, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("roster_sign_ins_total", "jvm_memory_used_bytes");
		assertThat(get(this.port, "/actuator/prometheus").statusCode()).as("not on the application's port")
			.isIn(401, 404);
	}

	private static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.header("Accept", "text/plain")
				.build(), BodyHandlers.ofString());
	}

}
