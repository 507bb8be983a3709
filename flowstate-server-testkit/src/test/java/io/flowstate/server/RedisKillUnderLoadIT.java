package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RedisServerOptions;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Redis ({@code appendonly yes}, {@code appendfsync always}) is killed with SIGKILL while eight clients drive
 * sign-ups over HTTP, each request with its own {@code Idempotency-Key}, and restarted on the same directory.
 * Every client keeps a ledger of what the server acknowledged (2xx) and retries every other answer with the
 * same key until it gets a 2xx. Afterwards: every acknowledged write is in its process (version, state,
 * history), no process is lost, every retried request completed exactly once (each process holds exactly
 * three history entries and the state its client submitted), no key stayed {@code request_in_flight} longer
 * than a claim's lease (3 s) plus slack, and Redis holds no process beyond those the clients know.
 */
class RedisKillUnderLoadIT {

    private static final int CLIENTS = 8;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 150;
    private static final Duration DOWN = Duration.ofSeconds(1);
    private static final Duration LOAD_AFTER_RESTART = Duration.ofSeconds(3);
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration IN_FLIGHT_BOUND = Duration.ofSeconds(6);

    /** The client-side record of what was acknowledged and what had to be retried. */
    private static final class Ledger {
        final Map<String, Integer> applicants = new ConcurrentHashMap<>();
        final Map<String, Long> acknowledgedVersions = new ConcurrentHashMap<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger retried = new AtomicInteger();
        final AtomicInteger replayed = new AtomicInteger();
        final AtomicInteger answeredByRead = new AtomicInteger();
        final AtomicLong longestInFlightMillis = new AtomicLong();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();

        void acknowledge(String id, long version) {
            acknowledgedVersions.merge(id, version, Math::max);
            acknowledged.incrementAndGet();
        }
    }

    @Test
    void noAcknowledgedStepOrProcessIsLostAndEveryRetryCompletesOnceAfterRedisIsKilledUnderLoad() throws Exception {
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/flows").withStore(StoreKind.REDIS)
                .withRedis(RedisServerOptions.durable()).start()) {
            RedisServer redis = server.redis();
            Http http = server.http();
            Ledger ledger = new Ledger();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            long began = System.nanoTime();
            long killedAfter;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(pool.submit(() -> {
                        while (!stop.get()) {
                            signup(http, next.getAndIncrement(), ledger);
                        }
                        return null;
                    }));
                }
                long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (ledger.acknowledged.get() < ACKNOWLEDGED_BEFORE_KILL && System.nanoTime() < waitUntil) {
                    Thread.sleep(5);
                }
                redis.killHard();
                killedAfter = ledger.acknowledged.get();
                Thread.sleep(DOWN.toMillis());
                redis.restart();
                Thread.sleep(LOAD_AFTER_RESTART.toMillis());
                stop.set(true);
                try {
                    for (Future<?> client : clients) {
                        client.get(RETRY_DEADLINE.toSeconds() + 30, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    pool.shutdownNow();
                    throw e;
                }
            }
            long took = System.nanoTime() - began;
            System.out.printf("RedisKillUnderLoadIT: %d sign-ups, %d acknowledged writes (%d before the SIGKILL) in"
                            + " %d ms; %d requests retried with their key after a failed answer, %d answered by a"
                            + " replay, %d by wrong_step or step_not_waiting after their claim lapsed"
                            + " (committed, answer lost);"
                            + " longest request_in_flight: %d ms%n", ledger.applicants.size(),
                    ledger.acknowledged.get(), killedAfter, took / 1_000_000, ledger.retried.get(),
                    ledger.replayed.get(), ledger.answeredByRead.get(), ledger.longestInFlightMillis.get());

            assertThat(ledger.failures).isEmpty();
            assertThat(ledger.retried.get()).as("the kill hit requests in flight").isPositive();
            ledger.applicants.forEach((id, n) -> {
                Http.Response read = http.get("/process/" + id);
                assertThat(read.status()).as(id + " acknowledged, then lost").isEqualTo(200);
                JsonNode process = read.json();
                assertThat(process.get("version").asLong()).as(id).isEqualTo(3)
                        .isGreaterThanOrEqualTo(ledger.acknowledgedVersions.get(id));
                assertThat(process.get("status").asText()).as(id).isEqualTo("completed");
                assertThat(process.at("/state/name").asText()).as(id).isEqualTo(name(n));
                assertThat(process.at("/state/city").asText()).as(id).isEqualTo("City " + n);
                JsonNode history = http.get("/process/" + id + "/history").json().get("entries");
                assertThat(history.size()).as(id + " history").isEqualTo(3);
            });
            assertThat(ledger.longestInFlightMillis.get()).isLessThan(IN_FLIGHT_BOUND.toMillis());
            List<String> stored = RedisKeyScan.keys(redis, "fs:{*}:p");
            assertThat(stored).as("no orphan process").hasSize(ledger.applicants.size());
        }
    }

    private static String name(int n) {
        return "Applicant " + n;
    }

    /** Start, profile, address: each request retried with its key until a 2xx, each 2xx in the ledger. */
    private static void signup(Http http, int n, Ledger ledger) {
        JsonNode started = untilAcknowledged(http, "/workflow/start", "{\"flow\": \"signup\"}", 201, ledger,
                null);
        if (started == null) {
            return;
        }
        String id = started.get("processId").asText();
        ledger.applicants.put(id, n);
        ledger.acknowledge(id, started.get("version").asLong());
        JsonNode profiled = untilAcknowledged(http, "/process/" + id + "/step", "{\"step\": \"profile\", \"input\": "
                + "{\"name\": \"" + name(n) + "\", \"email\": \"a" + n + "@example.org\"}}", 200, ledger,
                process -> name(n).equals(process.at("/state/name").asText()));
        if (profiled == null) {
            return;
        }
        ledger.acknowledge(id, profiled.get("version").asLong());
        JsonNode done = untilAcknowledged(http, "/process/" + id + "/step",
                "{\"step\": \"address\", \"input\": {\"city\": \"City " + n + "\"}}", 200, ledger,
                process -> ("City " + n).equals(process.at("/state/city").asText()));
        if (done != null) {
            ledger.acknowledge(id, done.get("version").asLong());
        }
    }

    /**
     * Sends until a 2xx. A step whose first attempt committed but whose key's answer was lost in the crash gets
     * 409 {@code wrong_step} once the claim lapses (the body names the step, so it cannot apply twice), or 409
     * {@code step_not_waiting} when that step completed the process: then the process it carries is read and, when
     * it holds this step's input ({@code applied}), that is the answer.
     */
    /** The 409 of a step that already committed: the process moved past it, or it completed the process. */
    private static boolean answeredBefore(JsonNode problem) {
        String code = problem.path("code").asText();
        return "wrong_step".equals(code)
                || "step_not_waiting".equals(code)
                        && "completed".equals(problem.path("current").path("status").asText());
    }

    private static @Nullable JsonNode untilAcknowledged(Http http, String path, String body, int expected,
                                                        Ledger ledger, @Nullable Predicate<JsonNode> applied) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        long inFlightSince = 0;
        boolean failedOnce = false;
        while (System.nanoTime() < deadline) {
            Http.Response response;
            try {
                response = http.post(path, body, "Idempotency-Key", key);
            } catch (UncheckedIOException e) {
                response = null;
            }
            if (response != null && response.status() == expected) {
                if (failedOnce) {
                    ledger.retried.incrementAndGet();
                }
                if ("true".equals(response.header("Idempotent-Replayed"))) {
                    ledger.replayed.incrementAndGet();
                }
                return response.json();
            }
            if (applied != null && failedOnce && response != null && response.status() == 409
                    && answeredBefore(response.json()) && applied.test(response.json().get("current"))) {
                ledger.answeredByRead.incrementAndGet();
                ledger.retried.incrementAndGet();
                return response.json().get("current");
            }
            boolean inFlight = response != null && response.status() == 409
                    && "request_in_flight".equals(response.json().path("code").asText());
            if (response != null && response.status() != 503 && !inFlight) {
                ledger.failures.add("POST " + path + " key " + key + ": " + response.status() + " " + response.body());
                return null;
            }
            failedOnce = true;
            if (inFlight) {
                long now = System.nanoTime();
                inFlightSince = inFlightSince == 0 ? now : inFlightSince;
                ledger.longestInFlightMillis.accumulateAndGet((now - inFlightSince) / 1_000_000, Math::max);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        ledger.failures.add("POST " + path + " key " + key + ": no 2xx within " + RETRY_DEADLINE);
        return null;
    }
}
