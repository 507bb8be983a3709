package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.StoreKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent writers over real HTTP on the SQLite store: exactly one wins each version, no update is lost. */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.SQLITE,
        configure = ConcurrencyIT.SlowScripts.class)
class ConcurrencyIT {

    /** The 'slow' flow busy-waits 600 ms, which takes more statements than the default limit allows. */
    static final class SlowScripts implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withScript(new ScriptConfig(1_000_000_000L, Duration.ofSeconds(5)));
        }
    }

    static Http http;

    @BeforeAll
    static void clients(Http client) {
        http = client;
    }


    @Test
    void submitsStepOnlyOnceUnderConcurrentRequestsWithTheSameIfMatch() throws Exception {
        String id = http.post("/workflow/start", "{\"flow\": \"signup\"}").json().get("processId").asText();
        int writers = 32;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Http.Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                String body = "{\"step\": \"profile\", \"input\": {\"name\": \"Writer number " + i
                        + "\", \"email\": \"w" + i + "@example.org\"}}";
                futures.add(pool.submit(() -> {
                    go.await();
                    return http.post("/process/" + id + "/step", body, "If-Match", "\"1\"");
                }));
            }
            go.countDown();
        }
        List<Http.Response> responses = new ArrayList<>();
        for (Future<Http.Response> future : futures) {
            responses.add(future.get());
        }

        List<Http.Response> winners = responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(winners).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() != 200)
                .allSatisfy(r -> assertThat(r.status()).isIn(409, 412));
        JsonNode stored = http.get("/process/" + id).json();
        assertThat(stored.get("version").asLong()).isEqualTo(2);
        assertThat(stored.get("state")).isEqualTo(winners.getFirst().json().get("state"));
        assertThat(stored.at("/nextStep/id").asText()).as(stored.toString()).isEqualTo("address");
    }

    @Test
    void mergePatchesOnDistinctKeysLoseNoKeyWhenWritersRetryOn412() throws Exception {
        String id = http.post("/workflow/start", "{\"flow\": \"notes\"}").json().get("processId").asText();
        int threads = 16;
        int patchesPerThread = 100;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    int retries = 0;
                    for (int p = 0; p < patchesPerThread; p++) {
                        String patch = "{\"t" + thread + "_" + p + "\": " + p + "}";
                        while (true) {
                            Http.Response current = http.get("/process/" + id);
                            Http.Response patched = http.patch("/process/" + id + "/state", patch,
                                    "If-Match", current.header("ETag"));
                            if (patched.status() == 200) {
                                break;
                            }
                            assertThat(patched.status()).isEqualTo(412);
                            retries++;
                        }
                    }
                    return retries;
                }));
            }
            for (Future<Integer> future : futures) {
                future.get();
            }
        }

        JsonNode state = http.get("/process/" + id + "/state").json();
        assertThat(state.size()).isEqualTo(threads * patchesPerThread);
        for (int t = 0; t < threads; t++) {
            for (int p = 0; p < patchesPerThread; p++) {
                assertThat(state.get("t" + t + "_" + p).asInt()).isEqualTo(p);
            }
        }
        assertThat(http.get("/process/" + id).json().get("version").asLong())
                .isEqualTo(1L + threads * patchesPerThread);
    }

    @Test
    void aDuplicateArrivingWhileTheFirstIsInFlightIs409() throws Exception {
        String id = http.post("/workflow/start", "{\"flow\": \"slow\"}").json().get("processId").asText();
        String body = "{\"input\": {}}";
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Http.Response> first = pool.submit(() ->
                    http.post("/process/" + id + "/step", body, "Idempotency-Key", "dup-1"));
            Thread.sleep(250); // the first request is inside its 600 ms script now
            Http.Response duplicate = http.post("/process/" + id + "/step", body, "Idempotency-Key", "dup-1");

            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.json().get("code").asText()).isEqualTo("request_in_flight");
            assertThat(first.get().status()).isEqualTo(200);
        }
        Http.Response replay = http.post("/process/" + id + "/step", body, "Idempotency-Key", "dup-1");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("status").asText()).isEqualTo("completed");
    }
}
