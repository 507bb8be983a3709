package io.flowstate.server.nflow;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import io.flowstate.nflow.app.NativeFlows;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.app.NflowNode;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Problems;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Process mode for nFlow runs: a run that pauses is a process in the store (id = the run's {@code wid}), waiting at
 * the node that paused it; each continuation is one compare-and-set, so of two concurrent continuations one wins.
 */
final class ProcessRunStore implements RunStore {

    private final ProcessEngine engine;
    private final Clock clock;
    private final Map<String, Flow> natives = new ConcurrentHashMap<>();

    ProcessRunStore(ProcessEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public Found find(RunRequest request) {
        NflowFlow flow = request.flow();
        UUID processId = processId(request);
        if (processId == null) {
            return new Found.Refused(Problems.of(ProblemType.NO_RUN, "No run of '" + flow.urlPattern()
                    + "' to continue: the request names no process and this browser has none"));
        }
        return paused(flow, request.owner(), processId, "process '" + processId + "'");
    }

    @Override
    public @Nullable StoredRun recent(RunRequest request) {
        UUID processId = processId(request);
        if (processId == null) {
            return null;
        }
        return engine.recent(processId)
                .map(copy -> paused(request.flow(), request.owner(), new Outcome.Accepted(copy, null), ""))
                .filter(Found.Paused.class::isInstance).map(found -> ((Found.Paused) found).run()).orElse(null);
    }

    @Override
    public Found find(RunRequest request, ProcessInstance stored) {
        return paused(request.flow(), request.owner(), new Outcome.Accepted(stored, null),
                "process '" + stored.processId() + "'");
    }

    /**
     * The paused run of {@code flow} stored under {@code id}, if {@code owner} may continue it.
     *
     * @param name how refusals name the run ("process '…'"; a session run's id is never shown)
     */
    Found paused(NflowFlow flow, @Nullable String owner, UUID id, String name) {
        return paused(flow, owner, engine.get(id), name);
    }

    /** As {@link #paused(NflowFlow, String, UUID, String)}, given what the engine answered for the id. */
    Found paused(NflowFlow flow, @Nullable String owner, Outcome outcome, String name) {
        if (!(outcome instanceof Outcome.Accepted accepted) || !accepted.process().flowId().equals(flow.id())
                || !ownedBy(accepted.process(), owner)) {
            return new Found.Refused(Problems.of(ProblemType.PROCESS_NOT_FOUND, "No live " + name));
        }
        ProcessInstance process = accepted.process();
        String step = process.currentStep();
        if (process.status() != ProcessStatus.WAITING || step == null) {
            return new Found.Refused(Problems.of(ProblemType.STEP_NOT_WAITING, "The " + name + " is "
                    + process.status().wireName()));
        }
        int at = step.indexOf('@');
        String pausedAt = at < 0 ? step : step.substring(0, at);
        NflowNode paused = flow.nodes().get(pausedAt);
        String resume = at >= 0 ? step.substring(at + 1) : paused == null ? null : paused.target("output_1");
        if (resume == null) {
            return new Found.Refused(Problems.of(ProblemType.STEP_NOT_WAITING, "The " + name
                    + " waits at a node that flow '" + flow.id() + "' no longer has"));
        }
        return new Found.Paused(new StoredRun(process, pausedAt, resume));
    }

    @Override
    public Outcome save(RunRequest request, @Nullable StoredRun before, UUID wid, RunResult result) {
        NflowFlow flow = request.flow();
        String owner = request.owner();
        Instant now = clock.instant();
        Flow nativeFlow = natives.computeIfAbsent(flow.id() + "@" + flow.version(), k -> NativeFlows.of(flow));
        ProcessStatus status = switch (result.status()) {
            case PAUSED -> ProcessStatus.WAITING;
            case COMPLETED -> ProcessStatus.COMPLETED;
            case FAILED -> ProcessStatus.FAILED;
        };
        String step = null;
        if (status == ProcessStatus.WAITING && result.pausedAt() != null && result.resumeNode() != null) {
            NflowNode paused = flow.nodes().get(result.pausedAt());
            step = StoredRun.step(result.pausedAt(), result.resumeNode(),
                    paused == null ? "" : String.valueOf(paused.target("output_1")));
        }
        Instant createdAt = before == null ? now : before.process().createdAt();
        long version = before == null ? 1 : before.process().version() + 1;
        String flowVersion = before == null ? flow.version() + ownerTag(owner) : before.process().flowVersion();
        ProcessInstance next = new ProcessInstance(before == null ? wid : before.process().processId(), flow.id(),
                flowVersion, status, version, step, result.payload(),
                status == ProcessStatus.COMPLETED ? result.payload() : null, result.error(), createdAt, now,
                FlowRunner.expiresAt(nativeFlow, status, null, createdAt, now));
        List<StepRun> trail = result.trail().stream().map(id -> new StepRun(id, "js", null)).toList();
        EventType type = switch (status) {
            case COMPLETED -> EventType.PROCESS_COMPLETED;
            case FAILED -> EventType.PROCESS_FAILED;
            default -> before == null ? EventType.PROCESS_STARTED : EventType.STEP_COMPLETED;
        };
        Outcome.Accepted accepted = new Outcome.Accepted(next, Event.of(type, next, trail));
        int limit = EngineLimits.DEFAULTS.maxStateBytes();
        if (Json.sizeBound(result.payload()) > limit) {
            int size = Json.bytes(result.payload()).length;
            if (size > limit) {
                return Outcome.rejected(RejectionType.STATE_TOO_LARGE, "The state of process '" + next.processId()
                        + "' would be " + size + " bytes; the limit is " + limit);
            }
        }
        if (before == null) {
            if (status != ProcessStatus.WAITING) {
                return new Outcome.Accepted(next, null);
            }
            return engine.adopt(accepted) ? accepted : Outcome.rejected(RejectionType.VERSION_MISMATCH,
                    "Process '" + wid + "' exists already");
        }
        return engine.commit(accepted, before.process().version());
    }

    /** The flow's cookie: set while a run waits, so a page that lost its hidden field still continues it. */
    @Override
    public List<String> cookies(RunRequest request, @Nullable StoredRun before, UUID wid, RunResult result) {
        String attributes = "; Path=/; HttpOnly; SameSite=Lax" + (request.secureCookies() ? "; Secure" : "");
        if (result.status() == RunResult.Status.PAUSED) {
            return List.of(cookieName(request.flow()) + "=" + wid + attributes + "; Max-Age="
                    + Flow.DEFAULT_TTL.toSeconds());
        }
        return before == null ? List.of() : List.of(cookieName(request.flow()) + "=" + attributes + "; Max-Age=0");
    }

    /** The process a continuation names: its {@code nflow_process_id}, else the flow's cookie. */
    private static @Nullable UUID processId(RunRequest request) {
        return uuid(request.namedProcess() != null ? request.namedProcess()
                : request.cookies().get(cookieName(request.flow())));
    }

    static String cookieName(NflowFlow flow) {
        return "flowstate_pid_" + flow.id();
    }

    private static @Nullable UUID uuid(@Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * A run belongs to the user who started it: the flow version it is stored with carries a hash of that user's
     * name (the process record has no owner field; the version is what a store keeps verbatim and shows nobody).
     */
    private static String ownerTag(@Nullable String owner) {
        if (owner == null) {
            return "";
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(owner.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return OWNER + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static boolean ownedBy(ProcessInstance process, @Nullable String owner) {
        String version = process.flowVersion() == null ? "" : process.flowVersion();
        int at = version.indexOf(OWNER);
        return at < 0 ? true : version.substring(at).equals(ownerTag(owner));
    }

    private static final String OWNER = "~owner:";
}
