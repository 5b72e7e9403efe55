package org.roster.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie, declared here rather than through
 * {@code server.servlet.session.cookie.*} so every way of running the app (server, tests)
 * gets the same one: HttpOnly, SameSite=Lax, and Secure whenever the request came over
 * HTTPS (directly or through a trusted proxy).
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfig {

	static final String COOKIE_NAME = "ROSTER_SESSION";

	@Bean
	CookieSerializer cookieSerializer() {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(COOKIE_NAME);
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setCookiePath("/");
		return serializer;
	}

}
