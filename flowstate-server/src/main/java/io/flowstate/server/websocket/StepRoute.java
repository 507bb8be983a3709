package io.flowstate.server.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.wire.Reply;
import io.helidon.http.Headers;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Carries out {@code step} messages of processes that the engine does not run itself (nFlow's), exactly as their
 * {@code POST /process/{id}/step} does; the connection turns the HTTP answer into its {@code ack} or {@code error}.
 */
@FunctionalInterface
public interface StepRoute {

    /** Takes no step: the engine runs every process. */
    StepRoute ENGINE = (processId, step, input, ifVersion, handshake) -> Optional.empty();

    /**
     * The answer to the step, or empty when the engine runs this process. Rejections are answers (problem+json),
     * not exceptions; only infrastructure failures throw.
     *
     * @param handshake the headers of the connection's upgrade request (its cookies, say)
     */
    Optional<Reply> step(UUID processId, @Nullable String step, @Nullable JsonNode input, @Nullable Long ifVersion,
                         Headers handshake);
}
