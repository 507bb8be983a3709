package io.flowstate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.wire.Reply;
import java.util.Optional;

/**
 * Starts the processes of flows that do not live in the store (token mode) for {@code POST /workflow/start}, so
 * that one route serves every mode. Runs inside the start's {@code Idempotency-Key} handling.
 */
@FunctionalInterface
public interface FlowStarter {

    /** Starts nothing: every flow runs in process mode. */
    FlowStarter NONE = (flowId, input) -> Optional.empty();

    /**
     * The complete answer to a start of {@code flowId} with {@code input}, or empty when the flow is unknown or runs
     * in process mode, which the store-backed engine then handles. Rejections are answers (problem+json), not
     * exceptions; only infrastructure failures throw.
     */
    Optional<Reply> start(String flowId, JsonNode input);
}
