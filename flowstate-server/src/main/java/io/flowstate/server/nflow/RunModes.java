package io.flowstate.server.nflow;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.server.session.SessionMode;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which mode serves an nFlow request, and so which {@link RunStore} keeps its run (NFLOW.md §2.5, §6). A fresh start
 * takes the flow's mode ({@code nflow.flows}, {@code nflow.mode}, {@code mode}), or while the migration switch is on
 * the one the browser's bucket picks. A continuation goes where its run started, whatever the switch says now: the
 * process {@code nflow_process_id} names; else this browser's session run; else the flow's process cookie. When a
 * browser holds both a session and a process cookie of the flow, the session run wins while it waits.
 */
final class RunModes {

    private final ProcessRunStore processes;
    private final ProcessEngine engine;
    private final SessionMode sessions;
    private final Function<String, Optional<Flow>> flows;

    RunModes(ProcessRunStore processes, ProcessEngine engine, SessionMode sessions,
             Function<String, Optional<Flow>> flows) {
        this.processes = processes;
        this.engine = engine;
        this.sessions = sessions;
        this.flows = flows;
    }

    /**
     * Where a request's run lives.
     *
     * @param session the session whose lock the request holds, or null in process and hybrid mode
     */
    record Served(RunStore store, Mode mode, @Nullable String session) {

        /** The {@code Flowstate-Mode} of the answer. */
        String header() {
            return mode.wireName();
        }

        boolean inSession() {
            return session != null;
        }
    }

    /** The mode the flow declares (the mode of answers that concern no run, such as a login redirect). */
    Mode declared(NflowFlow flow) {
        return flows.apply(flow.id()).map(f -> f.effectiveMode(Mode.PROCESS)).orElse(Mode.PROCESS);
    }

    /** A fresh start: the flow's mode, or the switch's choice for this browser. */
    Served freshStart(NflowFlow flow, ServerRequest request, ServerResponse response) {
        Mode mode = flows.apply(flow.id()).map(f -> sessions.modeOfNewRun(f, request, response))
                .orElse(Mode.PROCESS);
        return mode == Mode.SESSION ? inSession(flow, request, response) : new Served(processes, mode, null);
    }

    /** A continuation: where its run started. */
    Served continuation(NflowFlow flow, @Nullable String namedProcess, Map<String, String> cookies,
                        ServerRequest request, ServerResponse response) {
        Mode declared = declared(flow);
        Mode processMode = declared == Mode.SESSION ? Mode.PROCESS : declared;
        if (namedProcess != null) {
            return new Served(processes, processMode, null);
        }
        boolean processCookie = cookies.containsKey(ProcessRunStore.cookieName(flow));
        Optional<String> session = sessions.existingSession(request);
        boolean inSession = session.isPresent()
                ? !processCookie || waiting(sessions.runId(session.get(), flow.id()))
                : !processCookie && declared == Mode.SESSION;
        return inSession ? inSession(flow, request, response) : new Served(processes, processMode, null);
    }

    /** Runs {@code work} as {@code served} needs: under the session's lock in session mode. */
    <T> T serve(Served served, Supplier<T> work) {
        String session = served.session();
        return session == null ? work.get() : sessions.withLock(session, work);
    }

    private Served inSession(NflowFlow flow, ServerRequest request, ServerResponse response) {
        String session = sessions.session(request, response);
        return new Served(new SessionRunStore(processes, engine, sessions.runId(session, flow.id()), sessions::movedTo),
                Mode.SESSION, session);
    }

    private boolean waiting(UUID run) {
        return engine.get(run) instanceof Outcome.Accepted found && found.process().status() == ProcessStatus.WAITING;
    }
}
