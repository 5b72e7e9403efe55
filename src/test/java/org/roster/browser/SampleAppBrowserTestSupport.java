package org.roster.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.chrome.ChromeDriver;
import org.roster.oidc.OidcClients;
import org.roster.oidc.OidcClients.NewClient;
import org.roster.web.PublicUrl;
import sample.client.SampleClientApplication;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roster and, beside it, the sample application ({@code sample.client}) on 127.0.0.1:
 * another origin than Roster's {@code localhost}, with cookies of its own. The sample's
 * two clients are registered as an admin would: the Spring Boot app (confidential, with
 * consent) and the single-page app (public). Roster's issuer follows the request (no
 * public address: the port is random), on a database of this context's own.
 */
@TestPropertySource(properties = { "roster.public-url=" + PublicUrl.DEFAULT,
		"spring.datasource.url=jdbc:h2:mem:roster-browser-apps;DB_CLOSE_DELAY=-1" })
abstract class SampleAppBrowserTestSupport extends BrowserTestSupport {

	static final List<String> SCOPES = List.of("openid", "profile", "email", "roles");

	private static ConfigurableApplicationContext sample;

	static String app;

	@Autowired
	OidcClients clients;

	@BeforeEach
	void startTheSampleApp() {
		if (sample == null) {
			int port = freePort();
			app = "http://127.0.0.1:" + port;
			OidcClients.Created server = this.clients.create(new NewClient("Sample app",
					List.of(app + "/login/oauth2/code/roster"), List.of(app + "/signed-out"), false, SCOPES, true));
			OidcClients.Created spa = this.clients.create(new NewClient("Sample single-page app",
					List.of(app + "/spa/"), List.of(app + "/spa/"), true, SCOPES, true));
			sample = SampleClientApplication
				.start(Map.of("server.port", port, "ROSTER_URL", url(""), "ROSTER_CLIENT_ID", server.clientId(),
						"ROSTER_CLIENT_SECRET", server.clientSecret(), "sample.spa.client-id", spa.clientId()));
		}
		// Both hosts' cookies: each test starts signed out of Roster and of the app.
		((ChromeDriver) this.browser.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
	}

	@AfterAll
	static void stopTheSampleApp() {
		if (sample != null) {
			sample.close();
			sample = null;
		}
	}

	void openApp(String path) {
		this.browser.get(app + path);
	}

	/** From the app to Roster's sign-in page, signed in there, to the consent page. */
	void signInAtRoster(String login) {
		this.browser.until("Roster's sign-in page", (d) -> d.getCurrentUrl().startsWith(url("/login")));
		submitLogin(this.browser, login, PASSWORD);
		this.browser.pathIs("/oauth2/consent");
		assertThat(this.browser.driver().getCurrentUrl()).startsWith(url("/"));
	}

	void allow() {
		this.browser.loadsNewPage("the app after Allow", () -> this.browser.find("#consent-allow").click());
	}

	void signedOutOfRoster() {
		open("/profile");
		this.browser.pathIs("/login");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
