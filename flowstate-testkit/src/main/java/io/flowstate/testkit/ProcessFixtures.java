package io.flowstate.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.StepRun;
import io.flowstate.core.store.StoredResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Processes and events shaped like the engine's, for store tests. States are trees as {@link Json} parses
 * them, so a store that round-trips through JSON must give back equal records.
 *
 * <p>A fixture process waits at step {@code address} of flow {@code signup} with state
 * {@code {"count": n}}; every {@link #advanced} commit increments {@code count} and the version.
 */
public final class ProcessFixtures {

    /** The idle TTL fixture processes get unless a test says otherwise. */
    public static final Duration TTL = Duration.ofMinutes(30);
    public static final String FLOW = "signup";

    private ProcessFixtures() {
    }

    /** A new process at version 1 that expires {@link #TTL} from now. */
    public static ProcessInstance started(Clock clock) {
        return started(clock, TTL);
    }

    /** A new process at version 1 that expires {@code ttl} from now. */
    public static ProcessInstance started(Clock clock, Duration ttl) {
        return started(UUID.randomUUID(), clock, ttl);
    }

    public static ProcessInstance started(UUID processId, Clock clock, Duration ttl) {
        Instant now = clock.instant();
        return new ProcessInstance(processId, FLOW, "sha256:fixture", ProcessStatus.WAITING, 1, "address",
                counter(0), null, null, now, now, now.plus(ttl));
    }

    /** The next version of {@code current}: count + 1, still waiting, expiring {@link #TTL} from now. */
    public static ProcessInstance advanced(ProcessInstance current, Clock clock) {
        return advanced(current, clock, TTL);
    }

    public static ProcessInstance advanced(ProcessInstance current, Clock clock, Duration ttl) {
        Instant now = clock.instant();
        return new ProcessInstance(current.processId(), current.flowId(), current.flowVersion(), current.status(),
                current.version() + 1, current.currentStep(), counter(count(current) + 1), null, null,
                current.createdAt(), now, now.plus(ttl), current.owner());
    }

    /** The next version of {@code current}, ended with {@code status} and kept for {@code retention}. */
    public static ProcessInstance ended(ProcessInstance current, Clock clock, ProcessStatus status,
                                        Duration retention) {
        Instant now = clock.instant();
        return new ProcessInstance(current.processId(), current.flowId(), current.flowVersion(), status,
                current.version() + 1, null, current.state(),
                status == ProcessStatus.COMPLETED ? current.state() : null, null, current.createdAt(), now,
                now.plus(retention), current.owner());
    }

    /** What the engine's cancel commits: the removed process, one version on, expiring now. */
    public static ProcessInstance cancelled(ProcessInstance current, Clock clock) {
        Instant now = clock.instant();
        return new ProcessInstance(current.processId(), current.flowId(), current.flowVersion(),
                ProcessStatus.CANCELLED, current.version() + 1, null, current.state(), null, null,
                current.createdAt(), now, now);
    }

    /** The event of a create: {@code process.waiting} after the start ran to the first form. */
    public static Event startedEvent(ProcessInstance process) {
        return Event.of(EventType.PROCESS_STARTED, process, List.of(new StepRun("start", "script", "address")));
    }

    /** The event of an {@link #advanced} commit. */
    public static Event updatedEvent(ProcessInstance process) {
        return Event.of(EventType.STATE_UPDATED, process, List.of());
    }

    /** The event of an {@link #ended} commit. */
    public static Event endedEvent(ProcessInstance process) {
        EventType type = switch (process.status()) {
            case COMPLETED -> EventType.PROCESS_COMPLETED;
            case FAILED -> EventType.PROCESS_FAILED;
            case CANCELLED -> EventType.PROCESS_CANCELLED;
            case EXPIRED -> EventType.PROCESS_EXPIRED;
            default -> throw new IllegalArgumentException("not ended: " + process.status());
        };
        return Event.of(type, process, List.of());
    }

    /** The {@code count} of a fixture state. */
    public static int count(ProcessInstance process) {
        return process.state().path("count").asInt();
    }

    /** A state tree parsed from JSON text, the way the engine receives it. */
    public static ObjectNode state(String json) {
        try {
            return (ObjectNode) Json.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON response such as an idempotent start would keep. */
    public static StoredResponse response(int status, String body) {
        return new StoredResponse(status, Map.of("Content-Type", "application/json", "ETag", "\"1\""),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode counter(int count) {
        return state("{\"count\":" + count + "}");
    }
}
