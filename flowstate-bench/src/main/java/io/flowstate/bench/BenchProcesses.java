package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import io.flowstate.core.store.ProcessStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Processes for drivers that call a store without the engine: a sign-up waiting at its form, stepped in place. */
final class BenchProcesses {

    private static final Duration TTL = Duration.ofMinutes(30);

    private BenchProcesses() {
    }

    /** Creates a process waiting at {@code address} in {@code store}. */
    static ProcessInstance started(ProcessStore store, Clock clock) {
        ObjectNode state = Json.object().put("email", "ada@example.com").put("step", 1);
        ProcessInstance process = new ProcessInstance(UUID.randomUUID(), "signup", "h1", ProcessStatus.WAITING, 1,
                "address", state, null, null, clock.instant(), clock.instant(), clock.instant().plus(TTL));
        store.create(process, Event.of(EventType.PROCESS_STARTED, process,
                List.of(new StepRun("address", "form", null))));
        return process;
    }

    /** The next version of {@code process}, still waiting at {@code address}, with {@code counter} in its state. */
    static ProcessInstance stepped(ProcessInstance process, int counter, Clock clock) {
        ObjectNode state = process.state().deepCopy().put("step", counter);
        return new ProcessInstance(process.processId(), process.flowId(), process.flowVersion(),
                ProcessStatus.WAITING, process.version() + 1, "address", state, null, null, process.createdAt(),
                clock.instant(), clock.instant().plus(TTL), process.owner());
    }

    /** The event of a step from {@code address} back to it. */
    static Event steppedEvent(ProcessInstance next) {
        return Event.of(EventType.STEP_COMPLETED, next, List.of(new StepRun("address", "form", "address")));
    }
}
