package org.roster.admin;

/**
 * The admin list's search parameters as sent, bound by both {@code /user_list} handlers
 * (HTML and JSON). All text, so binding never fails: {@link #toQuery()} checks them and
 * answers bad values with {@link BadQueryException} (400 naming the field).
 */
record UserListParams(String q, String role, String status, String verified, String sort, String dir, String page,
		String size) {

	UserListQuery toQuery() {
		return UserListQuery.parse(this.q, this.role, this.status, this.verified, this.sort, this.dir, this.page,
				this.size);
	}

}
