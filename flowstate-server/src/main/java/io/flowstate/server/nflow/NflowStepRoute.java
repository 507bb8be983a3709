package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.process.ProblemType;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.RequestBody;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /process/{id}/step} for nFlow processes (NFLOW.md §2.8): {@code input} is merged over the state like
 * form fields and the run resumes at the stored node; the answer is the process representation. Other processes
 * pass on to the native route.
 */
final class NflowStepRoute implements HttpService {

    private final NflowApps apps;
    private final NflowRuntime runtime;
    private final RunStore runs;
    private final LoginStore logins;
    private final ProcessEngine engine;
    private final RequestBody bodies;
    private final Representations representations;

    NflowStepRoute(NflowApps apps, NflowRuntime runtime, RunStore runs, LoginStore logins, ProcessEngine engine,
                   RequestBody bodies, Representations representations) {
        this.apps = apps;
        this.runtime = runtime;
        this.runs = runs;
        this.logins = logins;
        this.engine = engine;
        this.bodies = bodies;
        this.representations = representations;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/process/{id}/step", this::step);
    }

    private void step(ServerRequest request, ServerResponse response) {
        Optional<NflowFlow> flow = nflowFlowOf(request.path().pathParameters().first("id").orElse(""));
        if (flow.isEmpty()) {
            response.next();
            return;
        }
        UUID id = UUID.fromString(request.path().pathParameters().get("id"));
        BrowserLogin login = new BrowserLogin(logins, HttpRequests.cookie(request, LoginStore.COOKIE));
        if (flow.get().auth() && login.profile() == null) {
            Problems.of(ProblemType.LOGIN_REQUIRED, "Flow '" + flow.get().id() + "' needs a login").send(response);
            return;
        }
        JsonNode body = bodies.json(bodies.bytes(request));
        JsonNode input = body.path("input");
        RunRequest key = new RunRequest(flow.get(), id.toString(), NflowRoutes.owner(login), Map.of(), false);
        RunStore.Found found = runs.find(key);
        if (found instanceof RunStore.Found.Refused refused) {
            refused.reply().send(response);
            return;
        }
        StoredRun stored = ((RunStore.Found.Paused) found).run();
        String claimed = body.path("step").isTextual() ? body.get("step").asText() : null;
        if (claimed != null && !claimed.equals(stored.pausedAt())) {
            Problems.of(ProblemType.WRONG_STEP, "Process '" + id + "' waits at '" + stored.pausedAt() + "'")
                    .send(response);
            return;
        }
        NflowRequest nflowRequest = new NflowRequest("POST", flow.get().urlPattern(), Map.of(), Map.of(), Map.of(),
                Map.of(), input.isObject() ? input : null);
        ObjectNode payload = stored.process().state().deepCopy();
        if (input instanceof ObjectNode fields) {
            payload.setAll(fields);
        }
        RunContext run = new RunContext(flow.get(), nflowRequest, id.toString(), id.toString(), login, new NflowAnswer());
        RunResult result = runtime.run(run, stored.resumeNode(), payload);
        Outcome saved = runs.save(key, stored, id, result);
        login.persist(false);
        switch (saved) {
            case Outcome.Accepted accepted -> Reply.json(200, representations.process(accepted.process()))
                    .withHeader("ETag", "\"" + accepted.process().version() + "\"").send(response);
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations).send(response);
        }
    }

    private Optional<NflowFlow> nflowFlowOf(String idText) {
        UUID id;
        try {
            id = UUID.fromString(idText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(engine.get(id) instanceof Outcome.Accepted found)) {
            return Optional.empty();
        }
        return apps.find(found.process().flowId());
    }
}
