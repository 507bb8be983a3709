/**
 * Logs: the request context every log line of a request carries ({@code requestId}, {@code processId},
 * {@code flow}, W3C trace context), the access log, and the JSON line layout that {@code log.format = json}
 * selects.
 */
@NullMarked
package io.flowstate.server.logging;

import org.jspecify.annotations.NullMarked;
