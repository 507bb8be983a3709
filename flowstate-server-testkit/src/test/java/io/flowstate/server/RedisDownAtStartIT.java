package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerProcess;
import io.flowstate.testkit.redis.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowstate serve --store redis} while Redis is down: the server starts anyway, alive but unready, answers
 * 503 until Redis comes up, and then becomes ready by itself (what an orchestrator that starts both together
 * expects), instead of exiting.
 */
class RedisDownAtStartIT {

    @TempDir
    Path logs;

    @Test
    void startsUnreadyWhileRedisIsDownAndBecomesReadyWithoutARestartOnceRedisAnswers() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            redis.stop(); // its port is free now; restart() brings Redis back on the same port
            try (ServerProcess server = BuiltServer.jar(logs.resolve("flowstate.log")).untilAlive()
                    .args("--store", "redis", "--redis-url", redis.uri(), "--flows", BuiltServer.FLOWS).start()) {
                Http http = server.http();

                Http.Response ready = http.get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
                assertUnavailableWithinTwoSeconds(() -> http.post("/workflow/start", "{\"flow\": \"signup\"}"));
                assertUnavailableWithinTwoSeconds(() -> http.get("/process/" + UUID.randomUUID()));
                assertThat(server.isAlive()).isTrue();
                assertThat(Files.readString(server.log())).contains("store.redisUrl")
                        .contains("127.0.0.1:" + redis.port());

                redis.restart();
                long restarted = System.nanoTime();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> http.get("/health/ready").status() == 200);
                System.out.printf("RedisDownAtStartIT: ready %d ms after Redis came up%n",
                        (System.nanoTime() - restarted) / 1_000_000);

                Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}");
                assertThat(started.status()).isEqualTo(201);
                String id = started.json().get("processId").asText();
                Http.Response step = http.post("/process/" + id + "/step",
                        "{\"input\": {\"name\": \"Grace Hopper\", \"email\": \"grace@example.org\"}}");
                assertThat(step.status()).isEqualTo(200);
                assertThat(step.json().at("/nextStep/id").asText()).isEqualTo("address");
                assertThat(server.isAlive()).isTrue();
            }
        }
    }

    private static void assertUnavailableWithinTwoSeconds(Supplier<Http.Response> request) {
        long started = System.nanoTime();
        Http.Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().get("code").asText()).isEqualTo("store_unavailable");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
    }
}
