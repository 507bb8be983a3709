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
import io.flowstate.nflow.run.Forks;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.CheckedRead;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;
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
        String loginCookie = HttpRequests.cookie(headers, LoginStore.COOKIE);
        return target(null, id).map(t -> step(t.flow(), id, claimed, input, ifVersion, loginCookie, t.read()));
    }

    /** @param read the process as this request already read it (an owner check's read), or null */
    Reply step(NflowFlow flow, UUID id, @Nullable String claimed, @Nullable JsonNode input,
               @Nullable Long ifVersion, @Nullable String loginCookie, @Nullable ProcessInstance read) {
        BrowserLogin login = new BrowserLogin(logins, loginCookie);
        if (flow.auth() && login.profile() == null) {
            return Problems.of(ProblemType.LOGIN_REQUIRED, "Flow '" + flow.id() + "' needs a login");
        }
        RunRequest key = new RunRequest(flow, id.toString(), NflowRoutes.owner(login), Map.of(), secureCookies);
        RunStore.Found found = null;
        StoredRun recent = runs.recent(key);
        if (recent != null && refusal(recent, id, claimed, ifVersion) == null) {
            // the copy at hand saves the read; the run counts only if its commit does (NflowRoutes.resumeFromCopy)
            BrowserLogin trial = login.copy();
            Forks forks = Forks.held();
            Outcome saved = run(key, recent, input, trial, forks);
            if (saved instanceof Outcome.Accepted accepted) {
                forks.release();
                trial.persist(secureCookies);
                return answer(accepted);
            }
            ProcessInstance stored = ((Outcome.Rejected) saved).rejection().current();
            found = stored != null ? runs.find(key, stored) : null;
        }
        if (found == null) {
            found = read != null ? runs.find(key, read) : runs.find(key);
        }
        if (found instanceof RunStore.Found.Refused refused) {
            return refused.reply();
        }
        StoredRun stored = ((RunStore.Found.Paused) found).run();
        Reply refusal = refusal(stored, id, claimed, ifVersion);
        if (refusal != null) {
            return refusal;
        }
        Outcome saved = run(key, stored, input, login, Forks.immediate());
        login.persist(secureCookies);
        return switch (saved) {
            case Outcome.Accepted accepted -> answer(accepted);
            case Outcome.Rejected rejected -> Problems.rejection(rejected.rejection(), representations);
        };
    }

    /** Why a step of {@code stored} is refused before it runs (a stale version, another step), or null. */
    private @Nullable Reply refusal(StoredRun stored, UUID id, @Nullable String claimed, @Nullable Long ifVersion) {
        ProcessInstance process = stored.process();
        if (ifVersion != null && ifVersion != process.version()) {
            return Problems.rejection(Rejection.of(RejectionType.VERSION_MISMATCH, "Process '" + id + "' is at version "
                    + process.version() + ", not " + ifVersion, process), representations);
        }
        if (claimed != null && !claimed.equals(stored.pausedAt())) {
            return Problems.of(ProblemType.WRONG_STEP, "Process '" + id + "' waits at '" + stored.pausedAt() + "'");
        }
        return null;
    }

    /** Runs the step from {@code stored} with {@code input} merged over its state, and commits what it did. */
    private Outcome run(RunRequest key, StoredRun stored, @Nullable JsonNode input, BrowserLogin login, Forks forks) {
        NflowFlow flow = key.flow();
        UUID id = stored.process().processId();
        NflowRequest request = new NflowRequest("POST", flow.urlPattern(), Map.of(), Map.of(), Map.of(), Map.of(),
                input != null && input.isObject() ? input : null);
        ObjectNode payload = stored.process().state().deepCopy();
        if (input instanceof ObjectNode fields) {
            payload.setAll(fields);
        }
        RunContext run = new RunContext(flow, request, id.toString(), id.toString(), login, new NflowAnswer(), forks);
        RunResult result = runtime.run(run, stored.resumeNode(), payload);
        return runs.save(key, stored, id, result);
    }

    private Reply answer(Outcome.Accepted accepted) {
        return Reply.json(200, representations.process(accepted.process()))
                .withHeader("ETag", Preconditions.etag(accepted.process().version()));
    }

    /** The flow of an nFlow process, and the process as read for the request when no copy was at hand (else null). */
    record Target(NflowFlow flow, @Nullable ProcessInstance read) {
    }

    /**
     * The flow of nFlow process {@code id}, or empty when it is unknown or a native process. Without a copy at hand it
     * reads the process: the read an owner check made for {@code request} if there is one, so a step reads only once.
     */
    Optional<Target> target(@Nullable ServerRequest request, UUID id) {
        Optional<ProcessInstance> atHand = engine.recent(id);
        if (atHand.isPresent()) {
            return apps.find(atHand.get().flowId()).map(flow -> new Target(flow, null));
        }
        Outcome read = request != null ? CheckedRead.orRead(request, id, engine) : engine.get(id);
        if (!(read instanceof Outcome.Accepted found)) {
            return Optional.empty();
        }
        return apps.find(found.process().flowId()).map(flow -> new Target(flow, found.process()));
    }
}
