/**
 * Where the data lives, for the whole schema: the data folder (created private), the H2
 * files (private once open), which database engine runs
 * ({@link org.roster.storage.Databases}) and the migrations' placeholders that differ
 * between H2 and PostgreSQL.
 * <p>
 * Public API: {@link org.roster.storage.Databases}.
 * <p>
 * May use: no feature.
 */
@NullMarked
package org.roster.storage;

import org.jspecify.annotations.NullMarked;
