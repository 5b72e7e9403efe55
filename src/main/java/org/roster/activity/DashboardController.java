package org.roster.activity;

import java.time.Instant;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code GET /dashboard}: the admins' landing page, and its figures as JSON with
 * {@code Accept: application/json}.
 */
@Controller
class DashboardController {

	private final Dashboard dashboard;

	DashboardController(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/dashboard")
	@PreAuthorize("hasRole('ADMIN')")
	String page(Model model) {
		model.addAttribute("figures", this.dashboard.figures(Instant.now()));
		return "dashboard";
	}

	@GetMapping(path = "/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseBody
	Dashboard.Figures figures() {
		return this.dashboard.figures(Instant.now());
	}

}
