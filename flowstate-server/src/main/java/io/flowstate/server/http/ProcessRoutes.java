package io.flowstate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.CancelProcess;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.PatchState;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.ReplaceState;
import io.flowstate.core.engine.SubmitStep;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.EventLog;
import io.flowstate.server.events.ProcessFeeds;
import io.flowstate.server.events.StreamParameters;
import io.flowstate.server.wire.CheckedRead;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.RequestBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The routes under {@code /process/{id}}: read, state edits, step submission, cancel, history. */
public final class ProcessRoutes implements HttpService {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProcessEngine engine;
    private final RequestBody body;
    private final Idempotency idempotency;
    private final Representations representations;
    private final ProcessFeeds feeds;

    /**
     * @param feeds serves {@code ?minVersion=} reads
     */
    public ProcessRoutes(ProcessEngine engine, RequestBody body, Idempotency idempotency,
                         Representations representations, ProcessFeeds feeds) {
        this.engine = engine;
        this.body = body;
        this.idempotency = idempotency;
        this.representations = representations;
        this.feeds = feeds;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/process/{id}", this::get).head("/process/{id}", this::get)
                .delete("/process/{id}", this::cancel)
                .get("/process/{id}/state", this::getState).head("/process/{id}/state", this::getState)
                .put("/process/{id}/state", this::replaceState)
                .patch("/process/{id}/state", this::patchState)
                .post("/process/{id}/step", this::submitStep)
                .get("/process/{id}/history", this::history).head("/process/{id}/history", this::history);
    }

    private void get(ServerRequest request, ServerResponse response) {
        read(request, representations::process).send(response);
    }

    private void getState(ServerRequest request, ServerResponse response) {
        read(request, ProcessInstance::state).send(response);
    }

    private Reply read(ServerRequest request, Function<ProcessInstance, JsonNode> view) {
        UUID id = processId(request);
        Optional<Long> minVersion = StreamParameters.version("minVersion",
                request.query().first("minVersion").asOptional());
        Outcome outcome = minVersion.isPresent() ? readAtLeast(id, minVersion.get())
                : CheckedRead.orRead(request, id, engine);
        if (outcome instanceof Outcome.Accepted accepted && minVersion.isPresent()
                && accepted.process().version() < minVersion.get()) {
            return versionNotReached(accepted.process(), minVersion.get());
        }
        return switch (outcome) {
            case Outcome.Accepted accepted when Preconditions.noneMatchHits(request, accepted.process().version()) ->
                    Reply.empty(304).withHeader("ETag", Preconditions.etag(accepted.process().version()));
            case Outcome.Accepted accepted -> Reply.json(200, view.apply(accepted.process()))
                    .withHeader("ETag", Preconditions.etag(accepted.process().version()))
                    .withHeader(Representations.MODE_HEADER, representations.mode(accepted.process()));
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
        };
    }

    /**
     * Read-your-writes across instances: waits (up to {@code events.minVersionWait}) until this instance sees the
     * version, then reads the store itself once if its near cache still lags.
     */
    private Outcome readAtLeast(UUID id, long minVersion) {
        try {
            Optional<ProcessInstance> found = feeds.readAtLeast(id, minVersion);
            return found.<Outcome>map(process -> new Outcome.Accepted(process, null)).orElseGet(() -> engine.get(id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a version", e);
        }
    }

    /** 412: the version the client asked for does not exist (yet), not even in the store. */
    private Reply versionNotReached(ProcessInstance current, long minVersion) {
        ObjectNode problem = Problems.problem(ProblemType.VERSION_NOT_REACHED, "Expected process '"
                + current.processId() + "' at version " + minVersion + " or later, but it is at version "
                + current.version());
        problem.put("currentVersion", current.version());
        problem.set("current", representations.process(current));
        return Problems.of(ProblemType.VERSION_NOT_REACHED, problem).withHeader("ETag", Preconditions.etag(current.version()));
    }

    private void replaceState(ServerRequest request, ServerResponse response) {
        UUID id = processId(request);
        Long ifMatch = Preconditions.ifMatch(request);
        body.requireContentType(request, Reply.JSON);
        JsonNode state = body.json(body.bytes(request));
        stateReply(engine.replaceState(new ReplaceState(id, state, ifMatch))).send(response);
    }

    private void patchState(ServerRequest request, ServerResponse response) {
        UUID id = processId(request);
        Long ifMatch = Preconditions.ifMatch(request);
        body.requireContentType(request, MERGE_PATCH);
        JsonNode patch = body.json(body.bytes(request));
        stateReply(engine.patchState(new PatchState(id, patch, ifMatch))).send(response);
    }

    private Reply stateReply(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Accepted accepted -> Reply.json(200, accepted.process().state())
                    .withHeader("ETag", Preconditions.etag(accepted.process().version()))
                    .withHeader(Representations.MODE_HEADER, representations.mode(accepted.process()));
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
        };
    }

    private void submitStep(ServerRequest request, ServerResponse response) {
        UUID id = processId(request);
        Long ifMatch = Preconditions.ifMatch(request);
        body.requireContentType(request, Reply.JSON);
        byte[] bytes = body.bytes(request);
        JsonNode document = body.optionalJson(bytes);
        if (document != null && !document.isObject()) {
            Problems.of(ProblemType.INVALID_INPUT, "Expected a body {\"input\": {…}, \"step\": \"<step id>\"}").send(response);
            return;
        }
        JsonNode input = document == null ? null : document.get("input");
        JsonNode step = document == null ? null : document.get("step");
        String stepId = step != null && step.isTextual() ? step.asText() : null;
        idempotency.run(request, id.toString(), bytes, () ->
                switch (engine.submit(new SubmitStep(id, stepId, input, ifMatch))) {
                    case Outcome.Accepted accepted -> Reply.json(200, representations.process(accepted.process()))
                            .withHeader("ETag", Preconditions.etag(accepted.process().version()))
                            .withHeader(Representations.MODE_HEADER, representations.mode(accepted.process()))
                            .expiringAt(accepted.process().expiresAt());
                    case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
                }).send(response);
    }

    private void cancel(ServerRequest request, ServerResponse response) {
        UUID id = processId(request);
        Long ifMatch = Preconditions.ifMatch(request);
        Reply reply = switch (engine.cancel(new CancelProcess(id, ifMatch))) {
            case Outcome.Accepted ignored -> Reply.empty(204);
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
        };
        reply.send(response);
    }

    private void history(ServerRequest request, ServerResponse response) {
        UUID id = processId(request);
        Outcome outcome = CheckedRead.orRead(request, id, engine);
        if (outcome instanceof Outcome.Rejected rejected) {
            Problems.rejection(rejected.rejection(), representations).send(response);
            return;
        }
        EventLog log = engine.history(id);
        ObjectNode node = Json.object().put("processId", id.toString()).put("complete", log.complete());
        ArrayNode entries = node.putArray("entries");
        for (Event event : log.events()) {
            entries.add(representations.historyEntry(event));
        }
        Reply.json(200, node).send(response);
    }

    private static UUID processId(ServerRequest request) {
        return RequestBody.processId(request.path().pathParameters().get("id"));
    }
}
