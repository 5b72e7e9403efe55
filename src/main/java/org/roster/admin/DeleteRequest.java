package org.roster.admin;

/** Body of a self-deletion: the user's current password. */
record DeleteRequest(String password) {
}
