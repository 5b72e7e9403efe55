package org.roster.user;

/** What it takes to create an account; the password is already hashed. */
public record NewUser(String username, String email, String passwordHash, Role role) {
}
