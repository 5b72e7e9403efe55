package org.roster.admin;

import java.util.List;
import java.util.Map;

import org.roster.user.Role;

/**
 * The answer of {@code POST /users/import}: the plan's id (to confirm exactly this),
 * whether it was imported or is a dry run, whether invitations go out by mail, the
 * counts, and each row's outcome ({@code create}, {@code skip}, {@code error}) with its
 * reasons by column.
 */
record ImportReport(String planId, boolean imported, boolean mail, int create, int skip, int errors,
		List<RowReport> rows) {

	record RowReport(long line, String username, String email, Role role, String outcome, Map<String, String> reasons) {
	}

}
