package org.roster.admin;

import java.util.List;

/** {@code {items, page, size, total}} per docs/API.md, Routes. */
record UserPage(List<UserListItem> items, int page, int size, long total) {

	/**
	 * At least 1, so "Page 1 of 1" reads right for an empty list. Public: templates call
	 * it.
	 */
	public int totalPages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

}
