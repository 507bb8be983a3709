package io.flowstate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.engine.StartProcess;
import io.flowstate.core.flow.Violation;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.server.auth.Caller;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.RequestBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /workflow/start}: creates a process and runs it to its first wait or its end. Flows in token mode
 * and nFlow flows are handed to the {@link FlowStarter} given at construction.
 */
public final class WorkflowRoutes implements HttpService {

    private final ProcessEngine engine;
    private final RequestBody body;
    private final Idempotency idempotency;
    private final Representations representations;
    private final FlowStarter otherModes;
    private final StartSwitch sessions;

    public WorkflowRoutes(ProcessEngine engine, RequestBody body, Idempotency idempotency,
                          Representations representations) {
        this(engine, body, idempotency, representations, FlowStarter.NONE, StartSwitch.NONE);
    }

    /**
     * @param otherModes starts flows that the engine does not run (token mode, nFlow); others go to {@code engine}
     * @param sessions   takes the starts that run in session mode, before anything else sees them
     */
    public WorkflowRoutes(ProcessEngine engine, RequestBody body, Idempotency idempotency,
                          Representations representations, FlowStarter otherModes, StartSwitch sessions) {
        this.engine = engine;
        this.body = body;
        this.idempotency = idempotency;
        this.representations = representations;
        this.otherModes = otherModes;
        this.sessions = sessions;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/workflow/start", this::start);
    }

    private void start(ServerRequest request, ServerResponse response) {
        body.requireContentType(request, Reply.JSON);
        byte[] bytes = body.bytes(request);
        JsonNode document = body.json(bytes);
        JsonNode flow = document.path("flow");
        if (!document.isObject() || !flow.isTextual() || flow.asText().isBlank()) {
            invalidRequest("/flow", "Expected a body {\"flow\": \"<flow id>\", \"input\": {…}}").send(response);
            return;
        }
        JsonNode input = document.get("input");
        if (sessions.answered(request, response, flow.asText(), input)) {
            return;
        }
        String owner = Caller.of(request).subject();
        // an authenticated caller's keys are their own: another subject's same key must not replay their start
        String scope = "flow:" + flow.asText() + (owner == null ? "" : "\nsub:" + owner);
        idempotency.run(request, scope, bytes, () -> {
            Optional<Reply> elsewhere = otherModes.start(request, flow.asText(), input);
            if (elsewhere.isPresent()) {
                return elsewhere.get();
            }
            StartProcess command = new StartProcess(flow.asText(), input, owner);
            Optional<UUID> keyed = KeyedStartId.of(request, scope, bytes);
            Outcome outcome = keyed.isPresent() ? startOnce(command, keyed.get()) : engine.start(command);
            return switch (outcome) {
                case Outcome.Accepted accepted -> created(accepted.process());
                case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
            };
        }).send(response);
    }

    /**
     * A keyed start under its derived id: when that id is taken by a process of the same flow, an earlier attempt
     * with this key created it and its answer was lost, so that process is the answer.
     */
    private Outcome startOnce(StartProcess command, UUID id) {
        Outcome outcome = engine.start(command, id);
        if (outcome instanceof Outcome.Rejected rejected
                && rejected.rejection().type() == RejectionType.VERSION_MISMATCH) {
            ProcessInstance taken = rejected.rejection().current();
            if (taken != null && taken.flowId().equals(command.flowId())) {
                return new Outcome.Accepted(taken, null);
            }
        }
        return outcome;
    }

    private Reply created(ProcessInstance process) {
        return Reply.json(201, representations.process(process))
                .withHeader("Location", "/process/" + process.processId())
                .withHeader("ETag", Preconditions.etag(process.version()))
                .withHeader(Representations.MODE_HEADER, representations.mode(process))
                .expiringAt(process.expiresAt());
    }

    private Reply invalidRequest(String pointer, String message) {
        return Problems.rejection(new Rejection(RejectionType.INVALID_INPUT, message, null,
                List.of(new Violation(pointer, "required", message))), representations);
    }
}
