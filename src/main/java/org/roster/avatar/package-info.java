/**
 * Avatars: the image pipeline, the {@code ImageStore} on FTP, the embedded FTP server,
 * {@code /users/{id}/image} and the browser addresses of avatars; deletes a file after
 * its profile's deletion has committed.
 * <p>
 * Public API: {@link org.roster.avatar.ImageStore},
 * {@link org.roster.avatar.AvatarService}, {@link org.roster.avatar.AvatarPaths},
 * {@link org.roster.avatar.ImageStoreException}.
 * <p>
 * May use: {@code user}, {@code profile}, {@code web}.
 */
@NullMarked
package org.roster.avatar;

import org.jspecify.annotations.NullMarked;
