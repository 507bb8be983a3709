package io.flowstate.redis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Builds processes and their events the way the engine would, for store tests. */
final class Processes {

    static final Duration TTL = Duration.ofMinutes(30);

    private Processes() {
    }

    static ProcessInstance started(Clock clock) {
        ObjectNode state = Json.object().put("email", "ada@example.com").put("step", 1);
        return new ProcessInstance(UUID.randomUUID(), "signup", "h1", ProcessStatus.WAITING, 1, "address", state,
                null, null, clock.instant(), clock.instant(), clock.instant().plus(TTL));
    }

    /** The next version of {@code process}, waiting again, with {@code counter} in its state. */
    static ProcessInstance stepped(ProcessInstance process, Clock clock, int counter) {
        ObjectNode state = process.state().deepCopy().put("step", counter);
        return new ProcessInstance(process.processId(), process.flowId(), process.flowVersion(), ProcessStatus.WAITING,
                process.version() + 1, "address", state, null, null, process.createdAt(), clock.instant(),
                clock.instant().plus(TTL), process.owner());
    }

    static ProcessInstance withState(ProcessInstance process, ObjectNode state) {
        return new ProcessInstance(process.processId(), process.flowId(), process.flowVersion(), process.status(),
                process.version(), process.currentStep(), state, process.result(), process.error(),
                process.createdAt(), process.updatedAt(), process.expiresAt());
    }

    /** The next version of {@code process}, completed, kept for {@code retention}. */
    static ProcessInstance completed(ProcessInstance process, Clock clock, Duration retention) {
        return new ProcessInstance(process.processId(), process.flowId(), process.flowVersion(),
                ProcessStatus.COMPLETED, process.version() + 1, null, process.state(), process.state(), null,
                process.createdAt(), clock.instant(), clock.instant().plus(retention));
    }

    static ProcessInstance cancelled(ProcessInstance process, Clock clock) {
        return new ProcessInstance(process.processId(), process.flowId(), process.flowVersion(),
                ProcessStatus.CANCELLED, process.version() + 1, null, process.state(), null, null,
                process.createdAt(), clock.instant(), clock.instant());
    }

    static Event startedEvent(ProcessInstance process) {
        return Event.of(EventType.PROCESS_STARTED, process, List.of(new StepRun("address", "form", null)));
    }

    static Event stepEvent(ProcessInstance process) {
        EventType type = process.status() == ProcessStatus.COMPLETED ? EventType.PROCESS_COMPLETED
                : process.status() == ProcessStatus.CANCELLED ? EventType.PROCESS_CANCELLED : EventType.STEP_COMPLETED;
        return Event.of(type, process, List.of(new StepRun("address", "form", "address")));
    }
}
