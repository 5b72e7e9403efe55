/**
 * The admin console: {@code /user_list} (page and JSON), {@code /edit_user},
 * {@code /update_status}, {@code /unlock_user}, {@code DELETE /delete_user}, whose self
 * path it hands to {@code account.OwnAccountDeletion}, and the invitations
 * ({@code POST /users}, {@code /users/{id}/invitation}) and reset links
 * ({@code /users/{id}/password-reset}) of {@code account}. Every handler states its rule
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
