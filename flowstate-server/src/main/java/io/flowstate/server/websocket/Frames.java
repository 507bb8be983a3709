package io.flowstate.server.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.json.Json;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/** The WebSocket's reply frames: {@code ack} with the representation, {@code error} with the HTTP problem object. */
final class Frames {

    private final Representations representations;

    Frames(Representations representations) {
        this.representations = representations;
    }

    /** {@code ack} for an accepted command, {@code error} with the rejection's problem otherwise. */
    ObjectNode reply(@Nullable String requestId, Outcome outcome) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> {
                ObjectNode ack = Json.object().put("type", "ack");
                ack.put("requestId", requestId);
                ack.set("process", representations.process(accepted.process()));
                yield ack;
            }
            case Outcome.Rejected rejected -> error(requestId,
                    Problems.rejectionBody(rejected.rejection(), representations));
        };
    }

    /** {@code ack} with the representation of a 2xx HTTP answer, {@code error} with the problem of any other. */
    static ObjectNode reply(@Nullable String requestId, Reply http) {
        JsonNode body;
        try {
            body = Json.parse(http.body());
        } catch (IOException e) {
            throw new UncheckedIOException("an HTTP answer of ours is not JSON", e);
        }
        if (http.status() >= 300 || !(body instanceof ObjectNode object)) {
            return error(requestId, (ObjectNode) body);
        }
        ObjectNode ack = Json.object().put("type", "ack");
        ack.put("requestId", requestId);
        ack.set("process", object);
        return ack;
    }

    /** {@code {"type": "error", "requestId": …, "problem": {…}}}. */
    static ObjectNode error(@Nullable String requestId, ObjectNode problem) {
        ObjectNode frame = Json.object().put("type", "error");
        frame.put("requestId", requestId);
        frame.set("problem", problem);
        return frame;
    }

    static ObjectNode problem(ProblemException e) {
        return Problems.problem(e);
    }
}
