/**
 * Configuration as immutable records, loaded from the TOML file, the environment and flags, each value checked
 * with a message naming its key.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.config;

import org.jspecify.annotations.NullMarked;
