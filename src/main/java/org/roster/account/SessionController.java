package org.roster.account;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Where you're signed in": one's own sessions under {@code /profile/sessions}, and, for
 * admins, anyone's under {@code /users/{id}/sessions}. Sessions only: no API token
 * reaches these routes ({@code token.TokenRoutes} does not list them), so a leaked token
 * can neither see where its owner is signed in nor sign them out. Changes need the CSRF
 * token, as every cookie-authenticated change does.
 */
@RestController
class SessionController {

	private final UserSessions sessions;

	SessionController(UserSessions sessions) {
		this.sessions = sessions;
	}

	@GetMapping(path = "/profile/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("isAuthenticated()")
	List<SessionView> mine(HttpServletRequest request) {
		return this.sessions.list(CurrentUser.require().id(), currentId(request));
	}

	/** Ending the current session here is signing out. */
	@DeleteMapping("/profile/sessions/{sessionId}")
	@PreAuthorize("isAuthenticated()")
	Map<String, Object> endMine(@PathVariable String sessionId, HttpServletRequest request) {
		return end(CurrentUser.require().id(), sessionId, request);
	}

	/**
	 * "Sign out everywhere else". The parameter must say so: a bare DELETE on the list (a
	 * script's slip) ends nothing.
	 */
	@DeleteMapping("/profile/sessions")
	@PreAuthorize("isAuthenticated()")
	Map<String, Object> endOthers(@RequestParam boolean others, HttpServletRequest request) {
		if (!others) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		return Map.of("ended", this.sessions.endAllExcept(CurrentUser.require().id(), currentId(request)));
	}

	@GetMapping(path = "/users/{id}/sessions", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	List<SessionView> ofUser(@PathVariable long id, HttpServletRequest request) {
		return this.sessions.list(id, currentId(request));
	}

	@DeleteMapping("/users/{id}/sessions/{sessionId}")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Object> endOne(@PathVariable long id, @PathVariable String sessionId, HttpServletRequest request) {
		return end(id, sessionId, request);
	}

	/** Every session of the user; on one's own account, all but the current one. */
	@DeleteMapping("/users/{id}/sessions")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Object> endAll(@PathVariable long id, HttpServletRequest request) {
		return Map.of("ended", this.sessions.endAllExcept(id, currentId(request)));
	}

	private Map<String, Object> end(long userId, String publicId, HttpServletRequest request) {
		boolean current = this.sessions.end(userId, publicId, currentId(request));
		if (current) {
			HttpSession session = request.getSession(false);
			if (session != null) {
				session.invalidate();
			}
		}
		return Map.of("id", publicId, "ended", true, "current", current);
	}

	private static @Nullable String currentId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null) ? session.getId() : null;
	}

}
