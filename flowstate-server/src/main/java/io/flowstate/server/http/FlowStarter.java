package io.flowstate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.wire.Reply;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Starts the processes of flows that the engine does not run (token mode, nFlow flows) for {@code POST /workflow/start}, so
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

    /** {@link #start(String, JsonNode)} for a starter that needs the request too (its cookies, say). */
    default Optional<Reply> start(ServerRequest request, String flowId, JsonNode input) {
        return start(flowId, input);
    }

    /** This starter, then {@code next} for the flows this one leaves alone. */
    default FlowStarter or(FlowStarter next) {
        FlowStarter first = this;
        return new FlowStarter() {
            @Override
            public Optional<Reply> start(String flowId, JsonNode input) {
                Optional<Reply> started = first.start(flowId, input);
                return started.isPresent() ? started : next.start(flowId, input);
            }

            @Override
            public Optional<Reply> start(ServerRequest request, String flowId, JsonNode input) {
                Optional<Reply> started = first.start(request, flowId, input);
                return started.isPresent() ? started : next.start(request, flowId, input);
            }
        };
    }
}
