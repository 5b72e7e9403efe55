package org.roster.account;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.env.Environment;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * A scrape of {@code /actuator/prometheus} on the management port, when one is set
 * ({@code management.server.port}): that port is for the monitoring network and takes no
 * sign-in. On the application's own port the endpoint stays for admins.
 */
@Component
class ManagementScrape implements RequestMatcher {

	private static final RequestMatcher PATH = PathPatternRequestMatcher.withDefaults().matcher("/actuator/prometheus");

	private final Environment environment;

	ManagementScrape(Environment environment) {
		this.environment = environment;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		// Set by Spring Boot once the separate management server listens.
		Integer port = this.environment.getProperty("local.management.port", Integer.class);
		Integer serverPort = this.environment.getProperty("local.server.port", Integer.class);
		return port != null && port > 0 && !port.equals(serverPort) && request.getLocalPort() == port
				&& PATH.matches(request);
	}

}
