package org.roster.admin;

import org.jspecify.annotations.Nullable;

/**
 * Body of a self-deletion: the user's current password, or, for an account without one
 * (made through another account's sign-in), the username typed again.
 */
record DeleteRequest(@Nullable String password, @Nullable String username) {
}
