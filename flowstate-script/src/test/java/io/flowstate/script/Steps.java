package io.flowstate.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.ScriptCall;
import io.flowstate.core.flow.ScriptStep;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/** Builds script calls for tests. */
final class Steps {

    private Steps() {
    }

    static ScriptCall call(String script) {
        return call(script, "{}", null);
    }

    static ScriptCall call(String script, String stateJson, String inputJson) {
        ScriptStep step = new ScriptStep("decide", "Decide", script, Map.of("approve", "done", "reject", "review"));
        JsonNode input = inputJson == null ? null : json(inputJson);
        return new ScriptCall("test-flow", step, UUID.randomUUID(), (ObjectNode) json(stateJson), input);
    }

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
