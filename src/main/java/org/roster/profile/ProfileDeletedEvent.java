package org.roster.profile;

/**
 * Published when a profile is removed with its user; {@code imageUrl} (nullable) is the
 * avatar that the image store should drop once the deletion has committed.
 */
public record ProfileDeletedEvent(long userId, String imageUrl) {
}
