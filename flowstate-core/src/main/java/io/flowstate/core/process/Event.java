package io.flowstate.core.process;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A committed change of one process. Every commit produces exactly one event whose {@code version}
 * equals the process's new version.
 *
 * @param type      what happened
 * @param processId the process
 * @param version   the version the commit produced
 * @param at        commit time
 * @param steps     the steps that ran in this commit, in order (empty for state edits, cancel, expiry)
 * @param process   the process as committed
 */
public record Event(EventType type, UUID processId, long version, Instant at, List<StepRun> steps,
                    ProcessInstance process) {
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(at, "at");
        steps = List.copyOf(steps);
        Objects.requireNonNull(process, "process");
    }

    public static Event of(EventType type, ProcessInstance process, List<StepRun> steps) {
        return new Event(type, process.processId(), process.version(), process.updatedAt(), steps, process);
    }
}
