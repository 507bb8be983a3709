/**
 * Metrics: the instance's Micrometer registry, rendered as Prometheus text at {@code GET /metrics}, and the
 * decorators and observers that feed it (engine, store, scripts, streams, tokens, idempotency, rate limits).
 * docs/operations.md lists every metric. No process id and no state value is ever a label.
 */
@NullMarked
package io.flowstate.server.metrics;

import org.jspecify.annotations.NullMarked;
