package io.flowstate.core.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

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
 * @param traceparent the W3C trace context of the request that made the commit, or null (no trace sent, or a
 *                    change the runtime made itself, such as an expiry)
 */
public record Event(EventType type, UUID processId, long version, Instant at, List<StepRun> steps,
                    ProcessInstance process,
                    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String traceparent) {
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(at, "at");
        steps = List.copyOf(steps);
        Objects.requireNonNull(process, "process");
    }

    /** An event without a trace context. */
    public Event(EventType type, UUID processId, long version, Instant at, List<StepRun> steps,
                 ProcessInstance process) {
        this(type, processId, version, at, steps, process, null);
    }

    /** This event, made under the trace context {@code header} (a {@code traceparent} value). */
    public Event withTraceparent(@Nullable String header) {
        return new Event(type, processId, version, at, steps, process, header);
    }

    public static Event of(EventType type, ProcessInstance process, List<StepRun> steps) {
        return new Event(type, process.processId(), process.version(), process.updatedAt(), steps, process);
    }
}
