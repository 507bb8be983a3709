/**
 * What goes over the wire, shared by every transport (HTTP, SSE, WebSocket, token mode): representations of
 * processes and events, problem details, replies, and the reading of request bodies and headers.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.wire;

import org.jspecify.annotations.NullMarked;
