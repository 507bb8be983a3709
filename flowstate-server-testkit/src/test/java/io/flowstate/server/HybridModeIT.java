package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hybrid mode on one instance: store round trips are counted by a counting store in front of the real one. No
 * assertion reads the wall clock: waits are Awaitility conditions, and the one wait that must run out
 * ({@code minVersion} that no instance reaches) is the server's configured {@code events.minVersionWait}.
 */
class HybridModeIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    static CountingProcessStore counting;
    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/flows").withConfig(new FastEvents()).withStoreDecorator(store -> {
                counting = new CountingProcessStore(store);
                return counting;
            }));
    static Http http;

    @BeforeAll
    static void clients() {
        http = SERVER.http();
    }

    @BeforeEach
    void resetCounts() {
        counting.reset();
    }

    static String start(String flow) {
        return http.start(flow);
    }

    @Test
    void aCachedReadOfAHybridProcessCostsNoStoreCall() {
        String id = start("cached");
        counting.reset();

        Http.Response first = http.get("/process/" + id);
        Http.Response state = http.get("/process/" + id + "/state");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("version").asLong()).isEqualTo(1);
        assertThat(state.status()).isEqualTo(200);
        assertThat(counting.calls()).isEmpty();
    }

    @Test
    void aStepOfAHybridProcessWithACurrentCacheCostsOneCompareAndSet() {
        String id = start("cached");
        counting.reset();

        Http.Response stepped = http.post("/process/" + id + "/step", "{\"input\": {\"a\": 1}}", "If-Match", "\"1\"");

        assertThat(stepped.status()).isEqualTo(200);
        assertThat(stepped.json().at("/nextStep/id").asText()).isEqualTo("review");
        assertThat(counting.calls()).isEqualTo(Map.of("compareAndSet", 1L));
        counting.reset();
        assertThat(http.get("/process/" + id).json().get("version").asLong()).isEqualTo(2);
        assertThat(counting.calls()).as("the write refreshed the cache").isEmpty();
    }

    @Test
    void aProcessModeReadStillReadsTheStore() {
        String id = start("notes");
        counting.reset();

        http.get("/process/" + id);

        assertThat(counting.calls()).isEqualTo(Map.of("get", 1L));
    }

    @Test
    void minVersionAnswersAtOnceWhenThisInstanceHasTheVersion() {
        String id = start("cached");
        http.post("/process/" + id + "/step", "{\"input\": {}}");
        counting.reset();

        Http.Response read = http.get("/process/" + id + "?minVersion=2");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("version").asLong()).isEqualTo(2);
        // a read that had waited out minVersionWait would then have read through to the store
        assertThat(counting.calls()).as("answered from the near cache, without waiting").isEmpty();
    }

    @Test
    void minVersionWaitsForAWriteThatLandsDuringTheWait() throws Exception {
        String id = start("cached");
        CompletableFuture<Http.Response> read = CompletableFuture.supplyAsync(
                () -> http.get("/process/" + id + "?minVersion=2"));
        await().during(Duration.ofMillis(100)).atMost(WAIT).until(() -> !read.isDone());

        http.post("/process/" + id + "/step", "{\"input\": {\"late\": true}}");

        Http.Response answer = read.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("version").asLong()).isEqualTo(2);
        assertThat(answer.json().at("/state/late").asBoolean()).isTrue();
    }

    @Test
    void minVersionThatNoInstanceHasIs412AfterTheWait() {
        String id = start("cached");

        Http.Response read = http.get("/process/" + id + "?minVersion=5");

        assertThat(read.status()).isEqualTo(412);
        JsonNode problem = read.json();
        assertThat(problem.get("code").asText()).isEqualTo("version_not_reached");
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(http.get("/process/" + id + "?minVersion=x").status()).isEqualTo(400);
    }

    @Test
    void aCancelledHybridProcessIsGoneFromTheCache() {
        String id = start("cached");
        http.get("/process/" + id);

        assertThat(http.delete("/process/" + id).status()).isEqualTo(204);

        counting.reset();
        assertThat(http.get("/process/" + id).status()).isEqualTo(404);
        assertThat(counting.calls()).as("the tombstone answers").isEmpty();
    }
}
