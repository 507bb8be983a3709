/**
 * The REST API: routes, preconditions, idempotency, and the mapping of rejections to problem+json.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.http;

import org.jspecify.annotations.NullMarked;
