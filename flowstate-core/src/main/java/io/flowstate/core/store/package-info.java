/**
 * The {@code ProcessStore} SPI that every store implements (compare-and-set by version, events, idempotency,
 * expiry), the memory store, and the codec the stores share.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.core.store;

import org.jspecify.annotations.NullMarked;
