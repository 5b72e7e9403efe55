/**
 * The admin console: {@code /user_list} (page and JSON), {@code /edit_user},
 * {@code /update_status}, {@code /unlock_user} and {@code DELETE /delete_user}, whose
 * self path it hands to {@code account.OwnAccountDeletion}. Every handler states its rule
 * with {@code @PreAuthorize}.
 * <p>
 * Public API: none (routes only).
 * <p>
 * May use: {@code user}, {@code profile}, {@code account}, {@code avatar} (avatar
 * addresses), {@code storage} (which database), {@code web}.
 */
@NullMarked
package org.roster.admin;

import org.jspecify.annotations.NullMarked;
