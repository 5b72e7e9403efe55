/**
 * The {@code ./manage} command line (picocli): database, first admin, FTP check, server.
 * An entry point: no feature uses it.
 * <p>
 * Public API: {@link org.roster.cli.ManageCommandLine}.
 * <p>
 * May use: the application class, {@code user}, {@code account}, {@code avatar}.
 */
@NullMarked
package org.roster.cli;

import org.jspecify.annotations.NullMarked;
