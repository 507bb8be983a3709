package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.http.FlowStarter;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /workflow/start} of an nFlow flow id: runs the flow from its starter as a request to its URL would,
 * with {@code input} as the fields (NFLOW.md §2.2, §2.8). A run that pauses is a process like any (201, {@code
 * Location}); a run that ends in its first request is not stored (as at its URL), so the answer is 200 with the
 * representation of the completed run, or of the failed one (a script failure is not an HTTP error on the JSON API),
 * and no {@code Location}. What the
 * nodes wrote to {@code c} (a page, a JSON body) belongs to the URL and is not part of this answer. The starter's
 * {@code nflow_auth} applies: 401 {@code login_required} without a login, and the run belongs to the logged-in user.
 */
final class NflowStarts implements FlowStarter {

    private final NflowApps apps;
    private final NflowRuntime runtime;
    private final RunStore runs;
    private final LoginStore logins;
    private final Representations representations;
    private final boolean secureCookies;

    NflowStarts(NflowApps apps, NflowRuntime runtime, RunStore runs, LoginStore logins,
                Representations representations, boolean secureCookies) {
        this.secureCookies = secureCookies;
        this.apps = apps;
        this.runtime = runtime;
        this.runs = runs;
        this.logins = logins;
        this.representations = representations;
    }

    @Override
    public Optional<Reply> start(String flowId, JsonNode input) {
        return apps.find(flowId).map(flow -> start(flow, input, null));
    }

    @Override
    public Optional<Reply> start(ServerRequest request, String flowId, JsonNode input) {
        return apps.find(flowId).map(flow -> start(flow, input, HttpRequests.cookie(request, LoginStore.COOKIE)));
    }

    private Reply start(NflowFlow flow, @Nullable JsonNode input, @Nullable String loginCookie) {
        if (input != null && !input.isNull() && !input.isObject()) {
            return Problems.of(ProblemType.INVALID_INPUT, "The input of nFlow flow '" + flow.id()
                    + "' is an object of form fields");
        }
        BrowserLogin login = new BrowserLogin(logins, loginCookie);
        if (flow.auth() && login.profile() == null) {
            return Problems.of(ProblemType.LOGIN_REQUIRED, "Flow '" + flow.id() + "' needs a login");
        }
        ObjectNode payload = input instanceof ObjectNode fields ? fields.deepCopy() : Json.object();
        String method = flow.any() ? "POST" : flow.methods().get(0);
        NflowRequest request = new NflowRequest(method, flow.urlPattern(), Map.of(), Map.of(), Map.of(), Map.of(),
                input instanceof ObjectNode ? input : null);
        UUID wid = UUID.randomUUID();
        RunContext run = new RunContext(flow, request, wid.toString(), wid.toString(), login, new NflowAnswer());
        RunResult result = runtime.run(run, flow.first(), payload);
        String cookie = login.persist(secureCookies);
        RunRequest key = new RunRequest(flow, null, NflowRoutes.owner(login), Map.of(), secureCookies);
        Reply reply = switch (runs.save(key, null, wid, result)) {
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
            case Outcome.Accepted accepted -> answer(accepted.process(), result);
        };
        return withCookie(reply.withHeader(Representations.MODE_HEADER, "process"), cookie);
    }

    private Reply answer(ProcessInstance process, RunResult result) {
        Reply reply = Reply.json(result.status() == RunResult.Status.PAUSED ? 201 : 200,
                representations.process(process));
        if (result.status() != RunResult.Status.PAUSED) {
            return reply;
        }
        return reply.withHeader("Location", "/process/" + process.processId())
                .withHeader("ETag", Preconditions.etag(process.version()))
                .expiringAt(process.expiresAt());
    }

    private static Reply withCookie(Reply reply, @Nullable String cookie) {
        return cookie == null ? reply : reply.withHeader("Set-Cookie", cookie);
    }
}
