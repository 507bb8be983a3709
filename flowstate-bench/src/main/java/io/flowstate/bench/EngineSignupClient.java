package io.flowstate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.StartProcess;
import io.flowstate.core.engine.SubmitStep;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * {@link SignupCycle.Client} straight to a {@link ProcessEngine}: it parses the same request bodies the server
 * would and issues the same commands, but skips transport, routing and the response representation.
 */
public final class EngineSignupClient implements SignupCycle.Client {

    private final ProcessEngine engine;

    public EngineSignupClient(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    public SignupCycle.Position start(byte[] body) {
        JsonNode document = parse(body);
        return position(engine.start(new StartProcess(document.path("flow").asText(), document.get("input"))));
    }

    @Override
    public SignupCycle.Position submit(UUID processId, long version, byte[] body) {
        JsonNode document = parse(body);
        return position(engine.submit(new SubmitStep(processId, document.path("step").asText(),
                document.get("input"), version)));
    }

    private static SignupCycle.Position position(Outcome outcome) {
        if (!(outcome instanceof Outcome.Accepted accepted)) {
            throw new IllegalStateException("command rejected: " + outcome);
        }
        ProcessInstance process = accepted.process();
        return new SignupCycle.Position(process.processId(), process.version(), process.status().wireName());
    }

    private static JsonNode parse(byte[] body) {
        try {
            return Json.parse(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
