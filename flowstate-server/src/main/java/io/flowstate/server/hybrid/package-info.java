/**
 * Hybrid mode: a near cache in front of the store, kept coherent by the store's events.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.hybrid;

import org.jspecify.annotations.NullMarked;
