package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RedisServerOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A server on Redis (AOF, {@code appendfsync always}) while Redis is stopped and restarted: every request in the
 * outage answers 503 {@code store_unavailable} within 2 s, readiness turns unready, and after Redis is back on
 * the same port and directory the same server answers again and every process it acknowledged is there.
 */
class RedisOutageIT {

    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(3);

    private record Request(String name, Supplier<Http.Response> send) {
    }

    @Test
    void answers503WithinTwoSecondsDuringAnOutageAndKeepsEveryAcknowledgedProcessAfterRedisRestarts() {
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/flows").withStore(StoreKind.REDIS)
                .withRedis(RedisServerOptions.durable()).start()) {
            RedisServer redis = server.redis();
            Http http = server.http();
            Map<String, JsonNode> acknowledged = acknowledgeProcesses(http);
            String id = acknowledged.keySet().iterator().next();

            redis.stop();
            List<Request> requests = List.of(
                    new Request("GET process", () -> http.get("/process/" + id)),
                    new Request("GET state", () -> http.get("/process/" + id + "/state")),
                    new Request("GET history", () -> http.get("/process/" + id + "/history")),
                    new Request("POST start", () -> http.post("/workflow/start", "{\"flow\": \"signup\"}")),
                    new Request("POST start with key", () -> http.post("/workflow/start", "{\"flow\": \"signup\"}",
                            "Idempotency-Key", UUID.randomUUID().toString())),
                    new Request("POST step", () -> http.post("/process/" + id + "/step",
                            "{\"input\": {\"city\": \"Paris\"}}", "Idempotency-Key", UUID.randomUUID().toString())),
                    new Request("PUT state", () -> http.put("/process/" + id + "/state", "{\"x\": 1}")),
                    new Request("PATCH state", () -> http.patch("/process/" + id + "/state", "{\"x\": 2}")),
                    new Request("DELETE process", () -> http.delete("/process/" + id)));
            long outageEnds = System.nanoTime() + OUTAGE.toNanos();
            long slowest = 0;
            int answered = 0;
            while (System.nanoTime() < outageEnds) {
                for (Request request : requests) {
                    long started = System.nanoTime();
                    Http.Response response = request.send().get();
                    long took = System.nanoTime() - started;
                    assertThat(response.status()).as(request.name() + ": " + response.body()).isEqualTo(503);
                    assertThat(response.json().get("code").asText()).isEqualTo("store_unavailable");
                    assertThat(Duration.ofNanos(took)).as(request.name()).isLessThan(BOUND);
                    slowest = Math.max(slowest, took);
                    answered++;
                }
                Http.Response ready = http.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
            }

            redis.restart();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get("/process/" + id).status() == 200);
            long recovery = System.nanoTime() - restarted;
            System.out.printf("RedisOutageIT: %d requests in the outage, all 503, slowest %.1f ms;"
                    + " answering again %d ms after Redis restarted%n", answered, slowest / 1e6, recovery / 1_000_000);

            assertThat(http.get("/health/ready").status()).isEqualTo(200);
            acknowledged.forEach((processId, before) -> {
                Http.Response after = http.get("/process/" + processId);
                assertThat(after.status()).as(processId).isEqualTo(200);
                assertThat(after.json().get("version")).as(processId).isEqualTo(before.get("version"));
                assertThat(after.json().get("state")).as(processId).isEqualTo(before.get("state"));
                assertThat(after.json().get("status")).as(processId).isEqualTo(before.get("status"));
            });
            Http.Response step = http.post("/process/" + id + "/step", "{\"input\": {\"city\": \"Paris\"}}",
                    "If-Match", "\"" + acknowledged.get(id).get("version").asLong() + "\"");
            assertThat(step.status()).as(step.body()).isEqualTo(200);
        }
    }

    /** Twelve processes at versions 1 to 3, each as the server acknowledged it (the 2xx answer). */
    private static Map<String, JsonNode> acknowledgeProcesses(Http http) {
        Map<String, JsonNode> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}");
            assertThat(started.status()).isEqualTo(201);
            String id = started.json().get("processId").asText();
            JsonNode latest = started.json();
            if (i % 3 >= 1) {
                Http.Response step = http.post("/process/" + id + "/step", "{\"input\": {\"name\": \"Person "
                        + i + "\", \"email\": \"p" + i + "@example.org\"}}");
                assertThat(step.status()).isEqualTo(200);
                latest = step.json();
            }
            if (i % 3 == 2) {
                Http.Response patched = http.patch("/process/" + id + "/state", "{\"note\": \"n" + i + "\"}");
                assertThat(patched.status()).isEqualTo(200);
                latest = http.get("/process/" + id).json();
            }
            acknowledged.put(id, latest);
        }
        // the first process is the one written to during the outage: one at version 2, waiting at address
        String first = acknowledged.keySet().stream()
                .filter(id -> acknowledged.get(id).get("version").asLong() == 2).findFirst().orElseThrow();
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        ordered.put(first, acknowledged.remove(first));
        ordered.putAll(acknowledged);
        return ordered;
    }
}
