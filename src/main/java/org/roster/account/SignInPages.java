package org.roster.account;

import java.util.List;

import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Roster's sign-in page for other filter chains (the OpenID Connect provider's): where to
 * send a visitor who must sign in, and where the page to return to afterwards waits (a
 * cookie, the same one the sign-in's success reads).
 */
public final class SignInPages {

	private SignInPages() {
	}

	public static AuthenticationEntryPoint loginPage() {
		return new LoginUrlAuthenticationEntryPoint("/login");
	}

	public static RequestCache requestCache() {
		return SecurityConfig.requestCache();
	}

	/**
	 * The site's content security policy, with forms allowed to go on to these origins
	 * too (a page whose form's answer redirects to another site).
	 */
	public static String contentSecurityPolicy(List<String> formTargets) {
		return SecurityConfig.contentSecurityPolicy(formTargets);
	}

}
