package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store-is-empty invariant on a real server over Redis: once its processes have expired (flow
 * {@code shortlived}, two idle seconds) or completed and passed their retention (flow {@code brief}, one
 * second), Redis holds no key of theirs, their idempotency records included, and the expiry index no entry.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.REDIS)
class RedisStoreIsEmptyIT {

    @Test
    void leavesNoKeyOfExpiredOrRetiredProcessesInRedis(Http http, RedisServer redis) {
        String live = start(http, "signup", null);
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            gone.add(start(http, "shortlived", "start-" + i)); // a flow-scoped idempotency record too
            String brief = start(http, "brief", null);
            Http.Response done = http.post("/process/" + brief + "/step", "{\"input\": {\"n\": " + i + "}}",
                    "Idempotency-Key", "step-" + i); // a process-scoped idempotency record too
            assertThat(done.json().get("status").asText()).isEqualTo("completed");
            gone.add(brief);
        }
        assertThat(RedisKeyScan.keysOf(redis, gone.getFirst())).isNotEmpty();
        assertThat(RedisKeyScan.keysOf(redis, gone.get(1))).contains("fs:{" + gone.get(1) + "}:i");

        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String id : gone) {
                assertThat(RedisKeyScan.keysOf(redis, id)).as(id).isEmpty();
                assertThat(RedisKeyScan.indexed(redis, id)).as(id).isFalse();
            }
            // all that is left is the live process, its expiry index entry and its listing index entries
            assertThat(RedisKeyScan.keys(redis, "fs:*")).containsExactlyInAnyOrder(
                    "fs:{" + live + "}:p", "fs:{" + live + "}:e", "fs:expiry", "fs:l:a", "fs:l:f:signup");
        });
        assertThat(redis.call("ZRANGE", "fs:expiry", "0", "-1")).isEqualTo(List.of(live));
        assertThat(redis.call("ZRANGE", "fs:l:a", "0", "-1")).isEqualTo(List.of(live));
        assertThat(redis.call("ZRANGE", "fs:l:f:signup", "0", "-1")).isEqualTo(List.of(live));
        for (String id : gone) {
            assertThat(http.get("/process/" + id).status()).isEqualTo(404);
        }
    }

    private static String start(Http http, String flow, String idempotencyKey) {
        Http.Response started = idempotencyKey == null
                ? http.post("/workflow/start", "{\"flow\": \"" + flow + "\"}")
                : http.post("/workflow/start", "{\"flow\": \"" + flow + "\"}", "Idempotency-Key", idempotencyKey);
        assertThat(started.status()).as(started.body()).isEqualTo(201);
        return UUID.fromString(started.json().get("processId").asText()).toString();
    }
}
