/**
 * Profiles: the {@code user_profiles} table and the validation of its fields. A profile
 * is created and deleted with its user, through the user's events, in the same
 * transaction.
 * <p>
 * Public API: {@link org.roster.profile.ProfileService},
 * {@link org.roster.profile.ProfileView}, {@link org.roster.profile.ProfileData},
 * {@link org.roster.profile.ProfileDeletedEvent},
 * {@link org.roster.profile.ProfileNotFoundException}.
 * <p>
 * May use: {@code user}.
 */
@NullMarked
package org.roster.profile;

import org.jspecify.annotations.NullMarked;
