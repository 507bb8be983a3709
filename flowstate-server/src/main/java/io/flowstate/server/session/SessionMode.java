package io.flowstate.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.CancelProcess;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.engine.StartProcess;
import io.flowstate.core.engine.SubmitStep;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.server.http.Idempotency;
import io.flowstate.server.http.StartSwitch;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.ServedMode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Session mode: each browser's run of a flow is kept in the store under an id derived from its session and the flow
 * ({@link SessionKeys#runId}) that no answer reveals, so the cookie is the only way to it. Every request of a session
 * holds the session's lock ({@link SessionLocks}) from its first read to its last write, as servlet containers do;
 * the same engine, runner and schema checks as process mode do the work, so both modes give the same results.
 */
public final class SessionMode implements StartSwitch {

    private final ProcessEngine engine;
    private final Function<String, Optional<Flow>> flows;
    private final Mode defaultMode;
    private final SessionCookies cookies;
    private final SessionKeys keys;
    private final SessionLocks locks;
    private final ModeSwitch modeSwitch;
    private final Representations representations;
    private final Idempotency idempotency;
    private final SessionMigration migration;

    SessionMode(ProcessEngine engine, Function<String, Optional<Flow>> flows, Mode defaultMode, SessionCookies cookies,
                SessionKeys keys, SessionLocks locks, ModeSwitch modeSwitch, Representations representations,
                Idempotency idempotency, SessionMigration migration) {
        this.engine = engine;
        this.flows = flows;
        this.defaultMode = defaultMode;
        this.cookies = cookies;
        this.keys = keys;
        this.locks = locks;
        this.modeSwitch = modeSwitch;
        this.representations = representations;
        this.idempotency = idempotency;
        this.migration = migration;
    }

    @Override
    public boolean answered(ServerRequest request, ServerResponse response, String flowId, @Nullable JsonNode input) {
        Optional<Flow> flow = flows.apply(flowId);
        if (flow.isEmpty()) {
            return false;
        }
        if (modeOfNewRun(flow.get(), request, response) != Mode.SESSION) {
            return false;
        }
        String session = session(request, response);
        withLock(session, () -> start(session, flowId, input)).send(response);
        return true;
    }

    /**
     * The mode a new run of {@code flow} takes for this browser: the flow's own (or the default), or, while the
     * switch is on, the one the browser's bucket picks — in which case a browser without a {@code flowstate_browser}
     * cookie gets one with the answer.
     */
    public Mode modeOfNewRun(Flow flow, ServerRequest request, ServerResponse response) {
        if (!modeSwitch.enabled()) {
            return flow.effectiveMode(defaultMode);
        }
        String browser = SessionCookies.browser(request).orElseGet(() -> {
            String id = cookies.newId(16);
            response.headers().add(HeaderNames.SET_COOKIE, cookies.browserCookie(id));
            return id;
        });
        return modeSwitch.modeFor(flow, browser);
    }

    /** The session of the request's cookie, or a new one; either way the answer (re)issues its cookie. */
    public String session(ServerRequest request, ServerResponse response) {
        String session = cookies.session(request).orElseGet(() -> cookies.newId(32));
        response.headers().add(HeaderNames.SET_COOKIE, cookies.sessionCookie(session));
        return session;
    }

    /** The session of the request's cookie when the server signed it and it has not lapsed; nothing is issued. */
    public Optional<String> existingSession(ServerRequest request) {
        return cookies.session(request);
    }

    /** The id a session's run of {@code flowId} is kept under; no answer may show it. */
    public UUID runId(String session, String flowId) {
        return keys.runId(session, flowId);
    }

    /** A new run replaces the browser's run of the flow, as revisiting a legacy start page resets its session. */
    private Reply start(String session, String flowId, @Nullable JsonNode input) {
        UUID run = keys.runId(session, flowId);
        engine.cancel(new CancelProcess(run, null));
        return switch (engine.start(new StartProcess(flowId, input), run)) {
            case Outcome.Accepted accepted -> view(201, accepted.process());
            case Outcome.Rejected rejected -> SessionViews.rejection(rejected, representations);
        };
    }

    Reply read(String session, String flowId) {
        UUID run = keys.runId(session, flowId);
        return switch (engine.get(run)) {
            case Outcome.Accepted accepted -> view(200, accepted.process());
            case Outcome.Rejected ignored -> gone(run, flowId);
        };
    }

    Reply step(ServerRequest request, String session, String flowId, byte[] bytes, @Nullable String stepId,
               @Nullable JsonNode input) {
        UUID run = keys.runId(session, flowId);
        Long ifMatch = Preconditions.ifMatch(request);
        return idempotency.run(request, run.toString(), bytes, () ->
                switch (engine.submit(new SubmitStep(run, stepId, input, ifMatch))) {
                    case Outcome.Accepted accepted -> view(200, accepted.process())
                            .expiringAt(accepted.process().expiresAt());
                    case Outcome.Rejected rejected when rejected.rejection().type() == RejectionType.PROCESS_NOT_FOUND ->
                            gone(run, flowId);
                    case Outcome.Rejected rejected -> SessionViews.rejection(rejected, representations);
                });
    }

    Reply cancel(ServerRequest request, String session, String flowId) {
        UUID run = keys.runId(session, flowId);
        return switch (engine.cancel(new CancelProcess(run, Preconditions.ifMatch(request)))) {
            case Outcome.Accepted ignored -> Reply.empty(204).withHeader(Representations.MODE_HEADER, "session");
            case Outcome.Rejected rejected when rejected.rejection().type() == RejectionType.PROCESS_NOT_FOUND ->
                    gone(run, flowId);
            case Outcome.Rejected rejected -> SessionViews.rejection(rejected, representations);
        };
    }

    /** 409 {@code session_migrated} naming the process a session's run became, when {@code migrate} moved it. */
    public Optional<Reply> movedTo(UUID run) {
        return migration.movedTo(run);
    }

    Reply migrate(String session, String flowId) {
        return migration.migrate(keys.runId(session, flowId), flowId);
    }

    /** Runs {@code work} holding the session's lock, as served in session mode (the metrics' {@code mode} label). */
    public <T> T withLock(String session, Supplier<T> work) {
        return locks.withLock(keys.lockId(session), () -> ServedMode.as("session", work));
    }

    private Reply view(int status, ProcessInstance process) {
        return SessionViews.process(status, process, representations);
    }

    /** No run here: 409 {@code session_migrated} when it moved to a process, else 404. */
    private Reply gone(UUID run, String flowId) {
        return migration.movedTo(run)
                .orElseGet(() -> Problems.of(ProblemType.PROCESS_NOT_FOUND, "This session has no live run of flow '"
                        + flowId + "'").withHeader(Representations.MODE_HEADER, "session"));
    }
}
