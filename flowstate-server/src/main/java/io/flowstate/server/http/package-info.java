/**
 * The REST API: the routes of processes, flows and operations, and idempotent POSTs. What they send is built
 * in {@code io.flowstate.server.wire}.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.http;

import org.jspecify.annotations.NullMarked;
