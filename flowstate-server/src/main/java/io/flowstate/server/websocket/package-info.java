/**
 * The WebSocket transport: events out, steps and patches in, with frame limits and per-socket rate limits.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.websocket;

import org.jspecify.annotations.NullMarked;
