package io.flowstate.sqlite;

import static io.flowstate.testkit.ProcessFixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.StepRun;
import io.flowstate.core.store.CasResult;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes and events come back from the file equal to what went in, however awkward their JSON. */
class SqliteJsonRoundTripTest {

    private static final String TRICKY = """
            {"decimal": 1.25, "manyDigits": 0.1000000000000000055511151231257827, "exp": 6.02214076e23,
             "huge": 123456789012345678901234567890, "beyondDouble": 1e400, "long": 9007199254740993,
             "negative": -42, "unicode": "Grüße, 世界 😀 \\u0000 \\u2028 \\"quoted\\" \\\\ back",
             "emptyObject": {}, "emptyArray": [], "nothing": null, "flags": [true, false, null],
             "nested": {"a": [1, {"b": [{"c": "deep"}]}], "money": {"amount": 1999.99, "currency": "EUR"}},
             "html": "<script>alert('x')</script>", "key with spaces & ünïcödé": "value"}""";

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(ProcessStoreContract.START);
    private SqliteProcessStore store;

    @BeforeEach
    void open() {
        store = new SqliteProcessStore(new SqliteOptions(dataDir, false, 10), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void trickyStateResultAndProblemComeBackEqual() {
        UUID id = UUID.randomUUID();
        ProcessInstance waiting = process(id, 1, ProcessStatus.WAITING, state(TRICKY), null, null);
        ProcessInstance completed = process(id, 2, ProcessStatus.COMPLETED, state(TRICKY), state(TRICKY), null);
        Event started = new Event(EventType.PROCESS_STARTED, waiting.processId(), 1, waiting.updatedAt(),
                List.of(new StepRun("start", "script", "address")), waiting);
        Event finished = new Event(EventType.PROCESS_COMPLETED, completed.processId(), 2, completed.updatedAt(),
                List.of(new StepRun("address", "form", "check"), new StepRun("check", "script", null)), completed);

        store.create(waiting, started);
        CasResult result = store.compareAndSet(1, completed, finished);

        assertThat(result).isEqualTo(new CasResult.Committed(completed));
        assertThat(store.get(waiting.processId())).contains(completed);
        assertThat(Json.text(store.get(waiting.processId()).orElseThrow())).isEqualTo(Json.text(completed));
        assertThat(store.eventsSince(waiting.processId(), 0).events()).containsExactly(started, finished);
    }

    @Test
    void absentResultStaysAbsentAndJsonNullResultStaysJsonNull() {
        ProcessInstance failed = process(1, ProcessStatus.FAILED, state("{}"), null,
                new Problem("script_failed", "Script failed", null, "check"));
        ProcessInstance nullResult = process(1, ProcessStatus.COMPLETED, state("{}"), NullNode.instance, null);

        store.create(failed, Event.of(EventType.PROCESS_FAILED, failed, List.of()));
        store.create(nullResult, Event.of(EventType.PROCESS_COMPLETED, nullResult, List.of()));

        assertThat(store.get(failed.processId()).orElseThrow().result()).isNull();
        assertThat(store.get(failed.processId())).contains(failed);
        assertThat(store.get(nullResult.processId()).orElseThrow().result()).isEqualTo(NullNode.instance);
    }

    @Test
    void stateAsDeepAsRequestParsingAllowsComesBackEqual() {
        int depth = Json.MAX_NESTING_DEPTH - 1;
        ObjectNode deep = state("{\"a\":".repeat(depth) + "\"bottom\"" + "}".repeat(depth));
        ProcessInstance process = process(1, ProcessStatus.WAITING, deep, null, null);
        Event event = Event.of(EventType.PROCESS_STARTED, process, List.of());

        store.create(process, event);

        assertThat(store.get(process.processId())).contains(process);
        assertThat(store.eventsSince(process.processId(), 0).events()).containsExactly(event);
    }

    @Test
    void largeStateComesBackEqual() {
        ObjectNode large = Json.object();
        for (int i = 0; i < 2_000; i++) {
            large.putObject("field" + i).put("text", "ä".repeat(100)).put("n", i);
        }
        ProcessInstance process = process(1, ProcessStatus.WAITING, large, null, null);

        store.create(process, Event.of(EventType.PROCESS_STARTED, process, List.of()));

        assertThat(store.get(process.processId())).contains(process);
    }

    private ProcessInstance process(long version, ProcessStatus status, ObjectNode state, JsonNode result,
                                    Problem error) {
        return process(UUID.randomUUID(), version, status, state, result, error);
    }

    private ProcessInstance process(UUID id, long version, ProcessStatus status, ObjectNode state, JsonNode result,
                                    Problem error) {
        Instant created = Instant.parse("2029-12-31T23:59:59.123456789Z");
        Instant updated = clock.instant().plusNanos(987_654_321);
        return new ProcessInstance(id, "signup", "sha256:ff",
                status, version, status == ProcessStatus.WAITING ? "address" : null, state, result, error, created,
                updated, updated.plusSeconds(3600));
    }
}
