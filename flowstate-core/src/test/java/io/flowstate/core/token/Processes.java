package io.flowstate.core.token;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Process instances for token tests, with states parsed the way the engine and the stores parse them. */
final class Processes {

    static final Instant CREATED = Instant.parse("2026-03-01T09:15:30.123456789Z");

    private Processes() {
    }

    static ProcessInstance waiting(String flowId, String stateJson) {
        return waiting(flowId, state(stateJson));
    }

    static ProcessInstance waiting(String flowId, ObjectNode state) {
        return new ProcessInstance(UUID.randomUUID(), flowId, "sha256:3f2a", ProcessStatus.WAITING, 3, "address",
                state, null, null, CREATED, CREATED.plusMillis(2500), CREATED.plus(Duration.ofDays(30)));
    }

    static ObjectNode state(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
