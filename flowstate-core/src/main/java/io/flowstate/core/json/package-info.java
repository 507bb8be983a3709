/**
 * The one JSON mapper and its limits, and RFC 7396 merge patch.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.core.json;

import org.jspecify.annotations.NullMarked;
