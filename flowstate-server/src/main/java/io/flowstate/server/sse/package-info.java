/**
 * Server-Sent Events: a process's event stream, resumable with {@code Last-Event-ID}.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.sse;

import org.jspecify.annotations.NullMarked;
