/**
 * A JUnit 5 extension that starts a real Flowstate server for a test, with small HTTP, SSE and WebSocket clients
 * to talk to it (see docs/testing.md).
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.testkit;

import org.jspecify.annotations.NullMarked;
