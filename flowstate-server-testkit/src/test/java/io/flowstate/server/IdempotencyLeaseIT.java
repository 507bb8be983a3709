package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.http.ClaimLeases;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerProcess;
import io.flowstate.testkit.redis.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one Redis. A step with an {@code Idempotency-Key} runs on instance A for longer than
 * several leases (its script waits for a time named in its input), so the claim is renewed: instance B answers
 * the same key 409 {@code request_in_flight} throughout. Then A is killed with SIGKILL mid-request, and the same
 * request sent to B is answered within one lease of the kill, applied once.
 */
class IdempotencyLeaseIT {

    private static final Duration HELD = Duration.ofSeconds(5);
    private static final Duration RETRY_BOUND = ClaimLeases.LEASE.plusSeconds(2);

    @TempDir
    Path logs;

    @Test
    void aRetryRunsWithinALeaseOfTheInstanceHoldingItsKeyDying() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ServerProcess a = start(redis, "a", "PT60S", "2000000000");
             ServerProcess b = start(redis, "b", "PT2S", "1000000")) {
            String id = a.http().start("hold");
            long began = System.currentTimeMillis();
            String path = "/process/" + id + "/step";
            String body = "{\"step\": \"go\", \"input\": {\"until\": " + (began + HELD.toMillis() + 1_000) + "}}";
            String key = UUID.randomUUID().toString();
            CompletableFuture<Http.Response> onA = CompletableFuture.supplyAsync(
                    () -> a.http().post(path, body, "Idempotency-Key", key));

            awaitClaim(redis, id);
            long claimed = System.nanoTime();
            long heldFor = 0;
            int inFlightAnswers = 0;
            while (System.currentTimeMillis() - began < HELD.toMillis()) {
                Http.Response held = b.http().post(path, body, "Idempotency-Key", key);
                heldFor = (System.nanoTime() - claimed) / 1_000_000;
                assertThat(code(held)).as("held past %s by renewals: %s %s", ClaimLeases.LEASE, held.status(),
                        held.body()).isEqualTo("request_in_flight");
                inFlightAnswers++;
                Thread.sleep(200);
            }
            long killed = System.nanoTime();
            a.kill();
            Http.Response answered;
            int refused = 0;
            while (true) {
                answered = b.http().post(path, body, "Idempotency-Key", key);
                if (answered.status() != 409) {
                    break;
                }
                assertThat(code(answered)).isEqualTo("request_in_flight");
                refused++;
                Thread.sleep(50);
            }
            long delayMillis = (System.nanoTime() - killed) / 1_000_000;
            System.out.printf("IdempotencyLeaseIT: key held on A; B answered request_in_flight %d times, the last %d ms"
                    + " after the claim; after SIGKILL of A the retry on B was answered %d after %d ms"
                    + " (%d request_in_flight meanwhile)%n", inFlightAnswers, heldFor, answered.status(), delayMillis,
                    refused);

            assertThat(heldFor).as("a request_in_flight answer came after the first lease would have lapsed")
                    .isGreaterThan(ClaimLeases.LEASE.toMillis());
            assertThat(onA).failsWithin(Duration.ofSeconds(10));
            assertThat(answered.status()).isEqualTo(200);
            assertThat(delayMillis).isLessThan(RETRY_BOUND.toMillis());
            JsonNode process = b.http().get("/process/" + id).json();
            assertThat(process.get("status").asText()).isEqualTo("completed");
            assertThat(process.get("version").asLong()).isEqualTo(2);
            assertThat(process.at("/state/held").asBoolean()).isTrue();
            assertThat(b.http().get("/process/" + id + "/history").json().get("entries").size()).isEqualTo(2);
            Http.Response replayed = b.http().post(path, body, "Idempotency-Key", key);
            assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        }
    }

    /** A is given script limits its spinning step cannot reach; B keeps the defaults. */
    private ServerProcess start(RedisServer redis, String name, String scriptTimeout, String statementLimit) {
        return BuiltServer.jar(logs.resolve(name + ".log")).environment("FLOWSTATE_SCRIPT_TIMEOUT", scriptTimeout)
                .environment("FLOWSTATE_SCRIPT_STATEMENT_LIMIT", statementLimit)
                .args("--store", "redis", "--redis-url", redis.uri(), "--flows", BuiltServer.FLOWS).start();
    }

    /** Waits for A's claim in Redis: a probe through B before A claimed would take the key itself. */
    private static void awaitClaim(RedisServer redis, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (RedisKeyScan.keys(redis, "fs:{" + id + "}:i").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance A never claimed the key");
            }
            Thread.sleep(20);
        }
    }

    private static String code(Http.Response response) {
        return response.json().path("code").asText();
    }
}
