package org.roster.account;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.Cookie;

import org.roster.user.NewUser;
import org.roster.user.Role;
import org.roster.user.User;
import org.roster.user.UserService;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Shortcuts for tests that need accounts: users created through {@link UserService} with
 * one precomputed hash (hashing hundreds of passwords would take seconds), a distinct
 * client address per test so the shared login throttle never interferes, and the session
 * cookie of a real sign-in.
 */
public final class AccountTestSupport {

	public static final String PASSWORD = "tangerine-orbit-piano-47";

	private static final AtomicInteger clientAddresses = new AtomicInteger();

	private final UserService users;

	private final String passwordHash;

	public AccountTestSupport(UserService users, PasswordEncoder encoder) {
		this.users = users;
		this.passwordHash = encoder.encode(PASSWORD);
	}

	public User user(String username) {
		return this.users.create(new NewUser(username, username + "@example.com", this.passwordHash, Role.USER));
	}

	public User admin(String username) {
		return this.users.create(new NewUser(username, username + "@example.com", this.passwordHash, Role.ADMIN));
	}

	/** Acts as the given user without a login round trip. */
	public static RequestPostProcessor as(User user) {
		RosterPrincipal principal = RosterPrincipal.of(user);
		return authentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
				List.of(new SimpleGrantedAuthority("ROLE_" + user.getRole().name()))));
	}

	/** A client address of its own, so throttling by address starts from zero. */
	public static RequestPostProcessor freshClient() {
		int n = clientAddresses.incrementAndGet();
		String address = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
		return (MockHttpServletRequest request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

	/** Signs in through the real login form and returns the new session's cookie. */
	public static Cookie signIn(MockMvc mvc, String username, String password) throws Exception {
		return sessionCookie(mvc.perform(
				post("/login").with(csrf()).with(freshClient()).param("username", username).param("password", password))
			.andExpect((result) -> assertThat(result.getResponse().getRedirectedUrl()).as("where a sign-in lands")
				.isIn("/profile", "/dashboard"))
			.andReturn());
	}

	/**
	 * The sign-in page a failed sign-in renders. The failure handler forwards within the
	 * request, which MockMvc only records; this performs the forward.
	 */
	public static String failedSignInPage(MockMvc mvc, MvcResult failed) throws Exception {
		String forwardedUrl = failed.getResponse().getForwardedUrl();
		if (!"/login/failed".equals(forwardedUrl)) {
			throw new AssertionError("not a failed sign-in: forwarded to " + forwardedUrl + ", status "
					+ failed.getResponse().getStatus());
		}
		MockHttpServletRequest original = failed.getRequest();
		return mvc.perform(get(forwardedUrl).with((request) -> {
			original.getAttributeNames().asIterator().forEachRemaining((name) -> {
				if (name.startsWith("roster.")) {
					request.setAttribute(name, original.getAttribute(name));
				}
			});
			request.setParameters(original.getParameterMap());
			return request;
		})).andReturn().getResponse().getContentAsString();
	}

	public static Cookie sessionCookie(MvcResult result) {
		Cookie cookie = result.getResponse().getCookie("ROSTER_SESSION");
		if (cookie == null) {
			throw new AssertionError("no session cookie in the response");
		}
		return cookie;
	}

}
