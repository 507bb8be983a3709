package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.FaultyProcessStore;
import io.flowstate.testkit.FaultyProcessStore.Fault;
import io.flowstate.testkit.FaultyProcessStore.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a client sees when the store fails under a step, on SQLite with faults injected between the engine and the
 * store: 503 {@code store_unavailable} with {@code Retry-After}; a failure before the write changes nothing and the
 * retry (same Idempotency-Key) applies the step once; a failure after the write leaves the step whole — process,
 * version and history together — and the retry with {@code If-Match} is refused, never applied twice.
 */
class StoreFaultsIT {

    private static final String STEP = "{\"step\": \"edit\", \"input\": {\"note\": \"hello\"}}";

    static FaultyProcessStore faulty;

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/flows").withStore(StoreKind.SQLITE).withStoreDecorator(store -> {
                faulty = new FaultyProcessStore(store);
                return faulty;
            }));
    static Http http;

    @BeforeAll
    static void clients() {
        http = SERVER.http();
    }


    @AfterEach
    void disarm() {
        faulty.disarm();
    }

    @Test
    void aFailureBeforeTheWriteIs503AndTheRetryAppliesTheStepOnce() {
        String id = startNotes();
        faulty.arm(Operation.COMPARE_AND_SET, new Fault.BeforeWrite(), 1);

        Http.Response failed = http.post("/process/" + id + "/step", STEP, "If-Match", "\"1\"", "Idempotency-Key", "k1");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.json().get("code").asText()).isEqualTo("store_unavailable");
        assertThat(failed.header("Retry-After")).isEqualTo("1");
        assertThat(http.get("/process/" + id).json().get("version").asInt()).isEqualTo(1);

        Http.Response retried = http.post("/process/" + id + "/step", STEP, "If-Match", "\"1\"", "Idempotency-Key", "k1");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("version").asInt()).isEqualTo(2);
        assertThat(history(id)).containsExactly("process.started", "process.completed");
    }

    @Test
    void aFailureAfterTheWriteLeavesTheStepWholeAndARetryCannotApplyItTwice() {
        String id = startNotes();
        faulty.arm(Operation.COMPARE_AND_SET, new Fault.AfterWrite(), 1);

        Http.Response failed = http.post("/process/" + id + "/step", STEP, "If-Match", "\"1\"", "Idempotency-Key", "k2");
        assertThat(failed.status()).isEqualTo(503);
        JsonNode stored = http.get("/process/" + id).json();
        assertThat(stored.get("version").asInt()).isEqualTo(2);
        assertThat(stored.get("status").asText()).isEqualTo("completed");
        assertThat(stored.at("/result/note").asText()).isEqualTo("hello");
        assertThat(history(id)).containsExactly("process.started", "process.completed");

        Http.Response retried = http.post("/process/" + id + "/step", STEP, "If-Match", "\"1\"", "Idempotency-Key", "k2");
        assertThat(retried.status()).isIn(409, 412);
        assertThat(retried.json().get("currentVersion").asInt()).isEqualTo(2);
        assertThat(history(id)).containsExactly("process.started", "process.completed");
    }

    @Test
    void aStoreThatCannotTakeAnIdempotencyClaimRefusesTheRequestBeforeAnythingRuns() {
        String id = startNotes();
        faulty.arm(Operation.CLAIM_IDEMPOTENCY, new Fault.BeforeWrite(), 1);

        Http.Response failed = http.post("/process/" + id + "/step", STEP, "Idempotency-Key", "k3");
        assertThat(failed.status()).isEqualTo(503);
        assertThat(http.get("/process/" + id).json().get("version").asInt()).isEqualTo(1);
        assertThat(http.post("/process/" + id + "/step", STEP, "Idempotency-Key", "k3").status()).isEqualTo(200);
    }

    @Test
    void aSlowStoreDelaysTheAnswerButChangesNothingElse() {
        String id = startNotes();
        // the compare-and-set: on SQLite the step's read of a process this server wrote comes from its near cache
        faulty.arm(Operation.COMPARE_AND_SET, new Fault.Latency(Duration.ofMillis(300)), 1);

        long started = System.nanoTime();
        Http.Response stepped = http.post("/process/" + id + "/step", STEP, "If-Match", "\"1\"");
        assertThat(stepped.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(stepped.json().get("version").asInt()).isEqualTo(2);
    }

    private static String startNotes() {
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"notes\"}");
        assertThat(started.status()).isEqualTo(201);
        return started.json().get("processId").asText();
    }

    private static List<String> history(String id) {
        List<String> types = new ArrayList<>();
        http.get("/process/" + id + "/history").json().get("entries").forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}
