package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.helidon.http.Headers;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A step of the JSON API for an nFlow process (NFLOW.md §2.8), whichever transport carries it: {@code POST
 * /process/{id}/step} and the WebSocket's {@code step} message. {@code input} is merged over the state like form
 * fields, the run resumes at the stored node, and the answer is the process representation, or a problem: 401
 * {@code login_required} for a flow with {@code nflow_auth} and no login, 404 for another user's run, 409 for a
 * claimed step other than the stored one, 412 for a stale {@code ifVersion}.
 */
public final class NflowSteps {

    private final NflowApps apps;
    private final NflowRuntime runtime;
    private final RunStore runs;
    private final LoginStore logins;
    private final ProcessEngine engine;
    private final Representations representations;
    private final boolean secureCookies;

    NflowSteps(NflowApps apps, NflowRuntime runtime, RunStore runs, LoginStore logins, ProcessEngine engine,
               Representations representations, boolean secureCookies) {
        this.secureCookies = secureCookies;
        this.apps = apps;
        this.runtime = runtime;
        this.runs = runs;
        this.logins = logins;
        this.engine = engine;
        this.representations = representations;
    }

    /**
     * The answer to a step of process {@code id}, or empty when it is not an nFlow process (the engine then runs
     * the step).
     *
     * @param claimed     the step the client names, or null
     * @param input       the fields to merge over the state (an object; anything else merges nothing)
     * @param ifVersion   the version the client read, or null
     * @param headers     the request's headers (the browser's login cookie among them)
     */
    public Optional<Reply> step(UUID id, @Nullable String claimed, @Nullable JsonNode input, @Nullable Long ifVersion,
                                Headers headers) {
        Optional<NflowFlow> flow = flowOf(id);
        String loginCookie = HttpRequests.cookie(headers, LoginStore.COOKIE);
        return flow.map(f -> step(f, id, claimed, input, ifVersion, loginCookie));
    }

    Reply step(NflowFlow flow, UUID id, @Nullable String claimed, @Nullable JsonNode input,
                       @Nullable Long ifVersion, @Nullable String loginCookie) {
        BrowserLogin login = new BrowserLogin(logins, loginCookie);
        if (flow.auth() && login.profile() == null) {
            return Problems.of(ProblemType.LOGIN_REQUIRED, "Flow '" + flow.id() + "' needs a login");
        }
        RunRequest key = new RunRequest(flow, id.toString(), NflowRoutes.owner(login), Map.of(), secureCookies);
        RunStore.Found found = runs.find(key);
        if (found instanceof RunStore.Found.Refused refused) {
            return refused.reply();
        }
        StoredRun stored = ((RunStore.Found.Paused) found).run();
        ProcessInstance process = stored.process();
        if (ifVersion != null && ifVersion != process.version()) {
            return Problems.rejection(Rejection.of(RejectionType.VERSION_MISMATCH, "Process '" + id + "' is at version "
                    + process.version() + ", not " + ifVersion, process), representations);
        }
        if (claimed != null && !claimed.equals(stored.pausedAt())) {
            return Problems.of(ProblemType.WRONG_STEP, "Process '" + id + "' waits at '" + stored.pausedAt() + "'");
        }
        NflowRequest request = new NflowRequest("POST", flow.urlPattern(), Map.of(), Map.of(), Map.of(), Map.of(),
                input != null && input.isObject() ? input : null);
        ObjectNode payload = process.state().deepCopy();
        if (input instanceof ObjectNode fields) {
            payload.setAll(fields);
        }
        RunContext run = new RunContext(flow, request, id.toString(), id.toString(), login, new NflowAnswer());
        RunResult result = runtime.run(run, stored.resumeNode(), payload);
        Outcome saved = runs.save(key, stored, id, result);
        login.persist(secureCookies);
        return switch (saved) {
            case Outcome.Accepted accepted -> Reply.json(200, representations.process(accepted.process()))
                    .withHeader("ETag", Preconditions.etag(accepted.process().version()));
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
        };
    }

    /** The nFlow flow process {@code id} runs, or empty when it is unknown or a native process. */
    Optional<NflowFlow> flowOf(UUID id) {
        if (!(engine.get(id) instanceof Outcome.Accepted found)) {
            return Optional.empty();
        }
        return apps.find(found.process().flowId());
    }
}
