package io.flowstate.core.engine;

import io.flowstate.core.flow.Flow;
import io.flowstate.core.json.MergePatch;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessPage;
import io.flowstate.core.store.ProcessQuery;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.core.store.Swept;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Process mode: runs commands against processes kept in a {@link ProcessStore}. Each accepted command is
 * one atomic compare-and-set (new state, new version, one event). Rejections are values; only
 * infrastructure failures ({@link io.flowstate.core.store.StoreUnavailableException}) are thrown.
 *
 * <p>The engine is the edge's only way to the store: besides commands it answers the history of a process, adopts
 * a process computed elsewhere (token mode's overflow), keeps idempotency records and reports whether the store
 * answers, so that routes, streams and token mode never hold a {@link ProcessStore}.
 */
public final class ProcessEngine {

    private final Function<String, Optional<Flow>> flows;
    private final ProcessStore store;
    private final FlowRunner runner;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final EngineLimits limits;
    private final EngineObserver observer;

    /**
     * @param flows  looks up a flow by id
     * @param ids    process id generator (random UUIDv4 in production)
     */
    public ProcessEngine(Function<String, Optional<Flow>> flows, ProcessStore store, FlowRunner runner, Clock clock,
                         Supplier<UUID> ids, EngineLimits limits) {
        this(flows, store, runner, clock, ids, limits, EngineObserver.NONE);
    }

    /** An engine that reports starts, steps, state edits and expiries to {@code observer}. */
    public ProcessEngine(Function<String, Optional<Flow>> flows, ProcessStore store, FlowRunner runner, Clock clock,
                         Supplier<UUID> ids, EngineLimits limits, EngineObserver observer) {
        this.flows = flows;
        this.store = store;
        this.runner = runner;
        this.clock = clock;
        this.ids = ids;
        this.limits = limits;
        this.observer = observer;
    }

    public Outcome start(StartProcess command) {
        return started(command, flow -> start(flow, command));
    }

    /** Checks the flow and the caller, runs {@code start} on the flow, and reports the outcome to the observer. */
    private Outcome started(StartProcess command, Function<Flow, Outcome> start) {
        long began = System.nanoTime();
        Optional<Flow> flow = flows.apply(command.flowId());
        Outcome outcome;
        if (flow.isEmpty()) {
            outcome = Outcome.rejected(RejectionType.FLOW_NOT_FOUND, "No flow with id '" + command.flowId() + "'");
        } else if (flow.get().authRequired() && command.owner() == null) {
            outcome = Outcome.rejected(RejectionType.AUTHENTICATION_REQUIRED, "Flow '" + command.flowId()
                    + "' may only be started by an authenticated caller (send Authorization: Bearer <token>)");
        } else {
            outcome = start.apply(flow.get());
        }
        observer.started(flow.map(Flow::id).orElse(null), EngineObserver.outcome(outcome), since(began));
        return outcome;
    }

    private Outcome start(Flow flow, StartProcess command) {
        for (int attempt = 0; ; attempt++) {
            Outcome outcome = runner.start(flow, ids.get(), command.input(), clock.instant(), command.owner());
            if (!(outcome instanceof Outcome.Accepted accepted)) {
                return outcome;
            }
            if (store.create(accepted.process(), committed(accepted))) {
                return outcome;
            }
            if (attempt >= 3) { // 122 random bits colliding four times means the id generator is broken
                throw new IllegalStateException("process id generator keeps returning ids that exist");
            }
        }
    }

    /**
     * Starts a process under an id the caller chose (session mode derives it from the session and the flow). An id
     * that is taken is a {@link RejectionType#VERSION_MISMATCH} carrying the process that holds it.
     */
    public Outcome start(StartProcess command, UUID processId) {
        return started(command, flow -> startAs(flow, command, processId));
    }

    private Outcome startAs(Flow flow, StartProcess command, UUID processId) {
        Outcome outcome = runner.start(flow, processId, command.input(), clock.instant(), command.owner());
        if (!(outcome instanceof Outcome.Accepted accepted) || store.create(accepted.process(), committed(accepted))) {
            return outcome;
        }
        return store.get(processId)
                .map(taken -> Outcome.rejected(RejectionType.VERSION_MISMATCH, "Expected no process with id '"
                        + processId + "', but one is at version " + taken.version(), taken))
                .orElseGet(() -> startAs(flow, command, processId));
    }

    /**
     * Moves a live process to another id with its state, waiting step, version and expiry: the copy is stored first,
     * then the original removed, so a crash in between leaves the copy and a repeated move finishes the job. The
     * copy's one commit is published as {@code process.waiting} when it waits for input (the only commit that
     * changes where a process waits without a start, a step or a state edit), otherwise as {@code state.updated}.
     *
     * @return the process under its new id; {@link RejectionType#PROCESS_NOT_FOUND} when neither id holds it
     */
    public Outcome move(UUID from, UUID to) {
        Optional<ProcessInstance> found = store.get(from);
        if (found.isEmpty()) {
            return get(to);
        }
        ProcessInstance current = found.get();
        ProcessInstance moved = new ProcessInstance(to, current.flowId(), current.flowVersion(), current.status(),
                current.version(), current.currentStep(), current.state(), current.result(), current.error(),
                current.createdAt(), clock.instant(), current.expiresAt(), current.owner());
        Event event = Event.of(moved.status() == ProcessStatus.WAITING ? EventType.PROCESS_WAITING
                : EventType.STATE_UPDATED, moved, List.of());
        store.create(moved, event);
        ProcessInstance left = FlowRunner.removed(current, ProcessStatus.CANCELLED, clock.instant());
        store.delete(from, ProcessStore.ANY_VERSION, Event.of(EventType.PROCESS_CANCELLED, left, List.of()));
        return get(to);
    }

    /**
     * The process, when {@code visible} accepts it; otherwise exactly the rejection of an unknown id, so a caller
     * who may not see a process cannot tell it from one that does not exist (owner binding, docs/auth.md).
     */
    public Outcome get(UUID processId, java.util.function.Predicate<ProcessInstance> visible) {
        Outcome outcome = get(processId);
        return outcome instanceof Outcome.Accepted accepted && !visible.test(accepted.process())
                ? notFound(processId) : outcome;
    }

    public Outcome get(UUID processId) {
        return store.get(processId)
                .<Outcome>map(p -> new Outcome.Accepted(p, null))
                .orElseGet(() -> notFound(processId));
    }

    /**
     * The copy of a process this instance holds at hand, if any, for a change computed outside the engine (nFlow
     * runs) to start from; see {@link ProcessStore#recent}. {@link #commit} against its version proves it current.
     */
    public Optional<ProcessInstance> recent(UUID processId) {
        return store.recent(processId);
    }

    public Outcome submit(SubmitStep command) {
        long began = System.nanoTime();
        String[] flowId = new String[1];
        Outcome outcome = update(command.processId(), command.ifMatch(), (flow, current) -> {
            flowId[0] = flow.id();
            return runner.submit(flow, current, command.step(), command.input(), clock.instant());
        });
        observer.stepped(flowId[0] != null ? flowId[0] : flowOf(outcome), EngineObserver.outcome(outcome),
                since(began));
        return outcome;
    }

    public Outcome replaceState(ReplaceState command) {
        String[] flowId = new String[1];
        Outcome outcome = update(command.processId(), command.ifMatch(), (flow, current) -> {
            flowId[0] = flow.id();
            return runner.replaceState(flow, current, command.state(), clock.instant());
        });
        observer.stateEdited(flowId[0] != null ? flowId[0] : flowOf(outcome), EngineObserver.outcome(outcome));
        return outcome;
    }

    public Outcome patchState(PatchState command) {
        String[] flowId = new String[1];
        Outcome outcome = update(command.processId(), command.ifMatch(), (flow, current) -> {
            flowId[0] = flow.id();
            return runner.replaceState(flow, current, MergePatch.apply(current.state(), command.patch()),
                    clock.instant());
        });
        observer.stateEdited(flowId[0] != null ? flowId[0] : flowOf(outcome), EngineObserver.outcome(outcome));
        return outcome;
    }

    /** Cancels and removes the process; subscribers receive {@code process.cancelled}. */
    public Outcome cancel(CancelProcess command) {
        for (int attempt = 0; ; attempt++) {
            Optional<ProcessInstance> found = store.get(command.processId());
            if (found.isEmpty()) {
                return notFound(command.processId());
            }
            ProcessInstance current = found.get();
            if (command.ifMatch() != null && current.version() != command.ifMatch()) {
                return versionMismatch(current, command.ifMatch());
            }
            ProcessInstance cancelled = FlowRunner.removed(current, ProcessStatus.CANCELLED, clock.instant());
            Event event = Event.of(EventType.PROCESS_CANCELLED, cancelled, List.of());
            CasResult result = store.delete(current.processId(), current.version(), event);
            switch (result) {
                case CasResult.Committed ignored -> {
                    return new Outcome.Accepted(cancelled, event);
                }
                case CasResult.NotFound ignored -> {
                    return notFound(command.processId());
                }
                case CasResult.Conflict conflict -> {
                    if (command.ifMatch() != null || attempt >= limits.casRetries()) {
                        return versionMismatch(conflict.current(), current.version());
                    }
                }
            }
        }
    }

    /**
     * Removes up to {@code limit} processes past their expiry and publishes {@code process.expired} for those that
     * had not ended.
     *
     * @return how many processes it removed, ended ones included: {@code limit} means more may be due
     */
    public int sweepExpired(int limit) {
        Swept swept = store.sweepExpired(limit);
        for (ProcessInstance process : swept.unfinished()) {
            ProcessInstance gone = FlowRunner.removed(process, ProcessStatus.EXPIRED, clock.instant());
            store.publish(Event.of(EventType.PROCESS_EXPIRED, gone, List.of()));
            observer.expired(process);
        }
        return swept.removed();
    }

    /**
     * The retained events of a process, oldest first: its history as far back as the store's event log reaches
     * ({@link EventLog#complete()} says whether it reaches the start). Empty and incomplete for an unknown id.
     */
    public EventLog history(UUID processId) {
        return store.eventsSince(processId, 0);
    }

    /**
     * Stores a process that was computed outside the store — token mode's overflow, where a process whose token
     * would be too large continues in process mode under the same id.
     *
     * @return true when stored; false when a process with that id exists already (nothing changed)
     */
    public boolean adopt(Outcome.Accepted accepted) {
        return store.create(accepted.process(), committed(accepted));
    }

    /**
     * Commits a change computed outside the engine's runner (nFlow runs, whose nodes the runner does not know) with
     * one compare-and-set against {@code expectedVersion}; no retry, since the change was computed from that version.
     *
     * @return the accepted outcome, or {@code process_not_found} / {@code version_mismatch}
     */
    public Outcome commit(Outcome.Accepted accepted, long expectedVersion) {
        CasResult result = store.compareAndSet(expectedVersion, accepted.process(), committed(accepted));
        return switch (result) {
            case CasResult.Committed ignored -> accepted;
            case CasResult.NotFound ignored -> notFound(accepted.process().processId());
            case CasResult.Conflict conflict -> versionMismatch(conflict.current(), expectedVersion);
        };
    }

    /** Claims an idempotency key; see {@link ProcessStore#claimIdempotency}. */
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return store.claimIdempotency(scope, key, fingerprint, expiresAt);
    }

    /** Extends the lease of a claimed key; see {@link ProcessStore#renewIdempotency}. */
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return store.renewIdempotency(scope, key, fingerprint, expiresAt);
    }

    /** Records the answer of a claimed key; see {@link ProcessStore#completeIdempotency}. */
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        store.completeIdempotency(scope, key, response, expiresAt);
    }

    /** Frees a claimed key; see {@link ProcessStore#releaseIdempotency}. */
    public void releaseIdempotency(String scope, String key) {
        store.releaseIdempotency(scope, key);
    }

    /** A setting shared by every instance on the store; see {@link ProcessStore#setting}. */
    public Optional<String> setting(String name) {
        return store.setting(name);
    }

    /** Sets or (with null) removes a shared setting; see {@link ProcessStore#putSetting}. */
    public void putSetting(String name, @Nullable String value) {
        store.putSetting(name, value);
    }

    /** Sets a shared setting unless it has one; see {@link ProcessStore#putSettingIfAbsent}. */
    public String putSettingIfAbsent(String name, String value) {
        return store.putSettingIfAbsent(name, value);
    }

    /**
    /** One page of the processes that match {@code query}, newest first (see {@link ProcessStore#list}). */
    public ProcessPage list(ProcessQuery query) {
        return store.list(query);
    }

    /** Returns when the store answers; throws {@link io.flowstate.core.store.StoreUnavailableException} otherwise. */
    public void ping() {
        store.ping();
    }

    @FunctionalInterface
    private interface Change {
        Outcome apply(Flow flow, ProcessInstance current);
    }

    /**
     * Read, compute, compare-and-set; retries lost races unless the client pinned a version. A copy the store holds
     * at hand ({@link ProcessStore#recent}) is tried first, saving the read: a commit against its version proves it
     * was current, and a refusal is decided again on a read. A lost compare-and-set returns the stored process, which
     * the next attempt starts from, so a step costs the store at most two round trips unless it races.
     */
    private Outcome update(UUID processId, @Nullable Long ifMatch, Change change) {
        ProcessInstance known = null; // the stored process, as the store's last answer gave it
        Optional<ProcessInstance> recent = store.recent(processId);
        if (recent.isPresent() && compute(recent.get(), ifMatch, change) instanceof Outcome.Accepted accepted) {
            switch (store.compareAndSet(recent.get().version(), accepted.process(), committed(accepted))) {
                case CasResult.Committed ignored -> {
                    return accepted;
                }
                case CasResult.NotFound ignored -> {
                    return notFound(processId);
                }
                case CasResult.Conflict conflict -> known = conflict.current();
            }
        }
        for (int attempt = 0; ; attempt++) {
            Optional<ProcessInstance> found = known != null ? Optional.of(known) : store.get(processId);
            if (found.isEmpty()) {
                return notFound(processId);
            }
            ProcessInstance current = found.get();
            Outcome outcome = compute(current, ifMatch, change);
            if (!(outcome instanceof Outcome.Accepted accepted)) {
                return outcome;
            }
            CasResult result = store.compareAndSet(current.version(), accepted.process(), committed(accepted));
            switch (result) {
                case CasResult.Committed ignored -> {
                    return outcome;
                }
                case CasResult.NotFound ignored -> {
                    return notFound(processId);
                }
                case CasResult.Conflict conflict -> {
                    if (ifMatch != null || attempt >= limits.casRetries()) {
                        return versionMismatch(conflict.current(), current.version());
                    }
                    known = conflict.current();
                }
            }
        }
    }

    /** The change computed from {@code current}, or why it is refused; touches no store. */
    private Outcome compute(ProcessInstance current, @Nullable Long ifMatch, Change change) {
        if (ifMatch != null && current.version() != ifMatch) {
            return versionMismatch(current, ifMatch);
        }
        Optional<Flow> flow = flows.apply(current.flowId());
        if (flow.isEmpty()) {
            return Outcome.rejected(RejectionType.FLOW_NOT_FOUND, "Process '" + current.processId() + "' runs flow '"
                    + current.flowId() + "', which is no longer loaded", current);
        }
        return change.apply(flow.get(), current);
    }

    /** The event of a change the runner accepted; only reads are accepted without one. */
    private static Event committed(Outcome.Accepted accepted) {
        return Objects.requireNonNull(accepted.event(), "the runner accepted a change without an event");
    }

    /**
     * The loaded flow a command's outcome concerns when the command did not reach its flow (a version refused
     * before running), or null (unknown process, flow no longer loaded).
     */
    private @Nullable String flowOf(Outcome outcome) {
        ProcessInstance process = switch (outcome) {
            case Outcome.Accepted accepted -> accepted.process();
            case Outcome.Rejected rejected -> rejected.rejection().current();
        };
        return process == null ? null : flows.apply(process.flowId()).map(Flow::id).orElse(null);
    }

    private static Duration since(long began) {
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static Outcome notFound(UUID processId) {
        return Outcome.rejected(RejectionType.PROCESS_NOT_FOUND, "No live process with id '" + processId + "'");
    }

    private static Outcome versionMismatch(ProcessInstance current, long expected) {
        return Outcome.rejected(RejectionType.VERSION_MISMATCH, "Expected process '" + current.processId()
                + "' at version " + expected + ", but it is at version " + current.version(), current);
    }
}
