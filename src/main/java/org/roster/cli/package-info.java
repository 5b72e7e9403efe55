/**
 * The {@code ./manage} command line (picocli): database, first admin, invitations, FTP
 * check, server. An entry point: no feature uses it.
 * <p>
 * Public API: {@link org.roster.cli.ManageCommandLine}.
 * <p>
 * May use: the application class, {@code user}, {@code account}, {@code avatar},
 * {@code mail} (to deliver what a command queued before it ends).
 */
@NullMarked
package org.roster.cli;

import org.jspecify.annotations.NullMarked;
