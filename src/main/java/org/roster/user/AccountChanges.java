package org.roster.user;

/** Account fields an edit may change; null means unchanged. */
public record AccountChanges(String email, Role role) {
}
