/**
 * Real Flowstate servers for JUnit 5 tests (see docs/testing.md). {@code @FlowstateServerTest} or a
 * {@code FlowstateServerExtension} starts them from a {@code ServerSetup}; each {@code ServerUnderTest} hands out
 * small real clients ({@code Http}, {@code SseClient}, {@code WsClient}); {@code ServerProcess} runs a server as
 * its own operating-system process.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.server.testkit;

import org.jspecify.annotations.NullMarked;
