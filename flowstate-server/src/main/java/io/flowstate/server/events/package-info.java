/**
 * Event fan-out to subscribers: one feed per process, fed by the store's events, shared by SSE and WebSocket.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.events;

import org.jspecify.annotations.NullMarked;
