package org.roster.oidc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.roster.activity.Action;
import org.roster.activity.ActivityLog;
import org.roster.account.CurrentUser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Profile → "Connected applications": each application the user signed in to through
 * Roster, what it may see, when it last got a token; "revoke" ends its grants (refresh
 * fails, userinfo refuses) and forgets the consent, so it must ask again.
 */
@Controller
class ConnectedApplicationsController {

	static final String PATH = "/profile/applications";

	private final JdbcClient jdbc;

	private final Grants grants;

	private final ActivityLog activity;

	ConnectedApplicationsController(JdbcClient jdbc, Grants grants, ActivityLog activity) {
		this.activity = activity;
		this.jdbc = jdbc;
		this.grants = grants;
	}

	@GetMapping(PATH)
	String list(Model model) {
		String username = CurrentUser.require().getName();
		List<Connected> applications = this.jdbc
			.sql("SELECT c.client_id, c.client_name, a.authorized_scopes, a.used FROM oauth2_registered_client c"
					+ " JOIN (SELECT registered_client_id, MAX(authorized_scopes) AS authorized_scopes,"
					+ " MAX(COALESCE(refresh_token_issued_at, access_token_issued_at, authorization_code_issued_at))"
					+ " AS used FROM oauth2_authorization WHERE principal_name = ? AND access_token_value IS NOT NULL"
					+ " GROUP BY registered_client_id) a ON a.registered_client_id = c.id ORDER BY c.client_name")
			.param(username)
			.query((rs, row) -> new Connected(rs.getString("client_id"), rs.getString("client_name"),
					scopes(rs.getString("authorized_scopes")), instant(rs.getTimestamp("used"))))
			.list();
		model.addAttribute("applications", applications);
		return "connected-applications";
	}

	@PostMapping(PATH + "/{clientId}/revoke")
	String revoke(@PathVariable String clientId) {
		String username = CurrentUser.require().getName();
		String id = this.jdbc.sql("SELECT id FROM oauth2_registered_client WHERE client_id = ?")
			.param(clientId)
			.query(String.class)
			.optional()
			.orElse(null);
		if (id != null) {
			this.grants.endForUserAndClient(username, id);
			this.activity.record(Action.APPLICATION_REVOKED)
				.targetId(CurrentUser.require().id())
				.detail("clientId", clientId)
				.save();
		}
		return "redirect:" + PATH + "?revoked";
	}

	private static List<String> scopes(@Nullable String scopes) {
		return (scopes == null) ? List.of()
				: Arrays.stream(scopes.split(",")).filter((scope) -> !scope.equals("openid")).sorted().toList();
	}

	private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/** One application with a grant of the user's. */
	record Connected(String clientId, String name, List<String> scopes, @Nullable Instant lastUsed) {
	}

}
