package io.flowstate.server.nflow;

import io.flowstate.core.engine.CancelProcess;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.process.ProblemType;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Session mode for nFlow runs (NFLOW.md §6): one run per browser and flow, stored like a process under the id session
 * mode derives from the session and the flow, which no answer shows (refusals name "this session's run"). A fresh
 * start replaces the run; a continuation finds it through the session cookie alone, and the stored node is still the
 * only place it resumes. One instance serves one request: the caller holds the session's lock around it.
 */
final class SessionRunStore implements RunStore {

    private final ProcessRunStore processes;
    private final ProcessEngine engine;
    private final UUID run;
    private final Function<UUID, Optional<Reply>> moved;

    /**
     * @param run   the id of this session's run of the request's flow
     * @param moved the answer for a run that {@code POST /session/{flow}/migrate} moved to a process, if it was
     */
    SessionRunStore(ProcessRunStore processes, ProcessEngine engine, UUID run, Function<UUID, Optional<Reply>> moved) {
        this.processes = processes;
        this.engine = engine;
        this.run = run;
        this.moved = moved;
    }

    @Override
    public Found find(RunRequest request) {
        Outcome outcome = engine.get(run);
        if (outcome instanceof Outcome.Rejected) {
            return new Found.Refused(moved.apply(run).orElseGet(() -> Problems.of(ProblemType.NO_RUN, "No run of '"
                    + request.flow().urlPattern() + "' to continue: this browser's session has none")));
        }
        return processes.paused(request.flow(), request.owner(), outcome, "run of flow '" + request.flow().id()
                + "' in this session");
    }

    @Override
    public void replace(RunRequest request) {
        engine.cancel(new CancelProcess(run, null));
    }

    /** Saves under the session's run id, whatever {@code wid} the run saw; a refusal does not name that id. */
    @Override
    public Outcome save(RunRequest request, @Nullable StoredRun before, UUID wid, RunResult result) {
        Outcome saved = processes.save(request, before, run, result);
        if (saved instanceof Outcome.Rejected rejected) {
            Rejection rejection = rejected.rejection();
            String message = rejection.message().replaceAll("(?i)process '?" + run + "'?", "this session's run")
                    .replace(run.toString(), "this session's run");
            return new Outcome.Rejected(new Rejection(rejection.type(), message, null, List.of()));
        }
        return saved;
    }

    /** No process cookie: a fresh start clears one a process-mode run of the flow left behind. */
    @Override
    public List<String> cookies(RunRequest request, @Nullable StoredRun before, UUID wid, RunResult result) {
        String name = ProcessRunStore.cookieName(request.flow());
        if (before != null || !request.cookies().containsKey(name)) {
            return List.of();
        }
        return List.of(name + "=; Path=/; HttpOnly; SameSite=Lax" + (request.secureCookies() ? "; Secure" : "")
                + "; Max-Age=0");
    }
}
