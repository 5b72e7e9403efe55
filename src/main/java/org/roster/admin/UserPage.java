package org.roster.admin;

import java.util.List;

/**
 * {@code {items, page, size, total, totalExact}} per docs/API.md, Routes. When
 * {@code totalExact} is false, more than {@code total} users match (a broad search).
 */
record UserPage(List<UserListItem> items, int page, int size, long total, boolean totalExact) {

	/**
	 * The pages known to exist, at least 1, so "Page 1 of 1" reads right for an empty
	 * list. Without an exact total: those the bound covers, and one past a full page.
	 * Public: templates call it.
	 */
	public int totalPages() {
		int counted = (int) Math.max(1, (this.total + this.size - 1) / this.size);
		if (this.totalExact) {
			return counted;
		}
		return Math.max(counted, this.page + ((this.items.size() == this.size) ? 2 : 1));
	}

}
