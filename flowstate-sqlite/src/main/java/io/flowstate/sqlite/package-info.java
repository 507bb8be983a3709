/**
 * The embedded default store: one SQLite file in WAL mode, one writer thread that commits queued writes together.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.sqlite;

import org.jspecify.annotations.NullMarked;
