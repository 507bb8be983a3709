package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerProcess;
import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RedisServerOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one Redis; eight clients drive 160 sign-ups against instance A, every request with its
 * own {@code Idempotency-Key}, and A is killed with SIGKILL mid-load. A request whose connection fails is retried
 * with the same key on instance B until it answers 2xx. Afterwards every process is completed at version 3 with
 * three history entries and its client's state (every retried request applied exactly once, none stuck), no key
 * left in flight by A blocked a retry much longer than a claim's lease (3 s), and Redis holds no orphan.
 */
class InstanceKillUnderLoadIT {

    private static final int CLIENTS = 8;
    private static final int SIGNUPS = 160;
    private static final int KILL_AFTER = 150;
    private static final Duration RETRY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration IN_FLIGHT_BOUND = Duration.ofSeconds(6);

    @TempDir
    Path logs;

    private final Map<String, Integer> applicants = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger answeredByRead = new AtomicInteger();
    private final AtomicLong longestInFlightMillis = new AtomicLong();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean aDown = new AtomicBoolean();

    @Test
    void everyRetryCompletesOnceOnTheSurvivorAfterAnInstanceIsKilledMidStep() throws Exception {
        try (RedisServer redis = RedisServer.start(RedisServerOptions.durable());
             ServerProcess a = start(redis, "a"); ServerProcess b = start(redis, "b")) {
            AtomicInteger next = new AtomicInteger();
            long began = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    clients.add(pool.submit(() -> {
                        for (int n = next.getAndIncrement(); n < SIGNUPS; n = next.getAndIncrement()) {
                            signup(a.http(), b.http(), n);
                        }
                        return null;
                    }));
                }
                long waitUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (acknowledged.get() < KILL_AFTER && System.nanoTime() < waitUntil) {
                    Thread.sleep(2);
                }
                a.kill();
                try {
                    for (Future<?> client : clients) {
                        client.get(RETRY_DEADLINE.toSeconds() + 60, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    pool.shutdownNow();
                    throw e;
                }
            }
            long took = System.nanoTime() - began;
            System.out.printf("InstanceKillUnderLoadIT: %d sign-ups, %d acknowledged writes in %d ms (instance A"
                            + " SIGKILLed after %d); %d requests retried on B with their key, %d answered by"
                            + " wrong_step or step_not_waiting after their claim lapsed; longest request_in_flight: %d ms%n",
                    applicants.size(), acknowledged.get(), took / 1_000_000, KILL_AFTER, retried.get(),
                    answeredByRead.get(), longestInFlightMillis.get());

            assertThat(a.isAlive()).isFalse();
            assertThat(failures).isEmpty();
            assertThat(retried.get()).as("the kill hit requests in flight").isPositive();
            assertThat(applicants).hasSize(SIGNUPS);
            applicants.forEach((id, n) -> {
                JsonNode process = b.http().get("/process/" + id).json();
                assertThat(process.get("version").asLong()).as(id).isEqualTo(3);
                assertThat(process.get("status").asText()).as(id).isEqualTo("completed");
                assertThat(process.at("/state/name").asText()).as(id).isEqualTo(name(n));
                assertThat(process.at("/state/city").asText()).as(id).isEqualTo("City " + n);
                assertThat(b.http().get("/process/" + id + "/history").json().get("entries").size()).as(id)
                        .isEqualTo(3);
            });
            assertThat(longestInFlightMillis.get()).isLessThan(IN_FLIGHT_BOUND.toMillis());
            assertThat(RedisKeyScan.keys(redis, "fs:{*}:p")).as("no orphan process").hasSize(SIGNUPS);
        }
    }

    private ServerProcess start(RedisServer redis, String name) {
        return BuiltServer.jar(logs.resolve(name + ".log"))
                .args("--store", "redis", "--redis-url", redis.uri(), "--flows", BuiltServer.FLOWS).start();
    }

    private static String name(int n) {
        return "Applicant " + n;
    }

    private void signup(Http a, Http b, int n) {
        JsonNode started = send(a, b, "/workflow/start", "{\"flow\": \"signup\"}", 201, null);
        if (started == null) {
            return;
        }
        String id = started.get("processId").asText();
        applicants.put(id, n);
        JsonNode profiled = send(a, b, "/process/" + id + "/step", "{\"step\": \"profile\", \"input\": "
                + "{\"name\": \"" + name(n) + "\", \"email\": \"a" + n + "@example.org\"}}", 200, "profile");
        if (profiled != null) {
            send(a, b, "/process/" + id + "/step", "{\"step\": \"address\", \"input\": {\"city\": \"City " + n
                    + "\"}}", 200, "address");
        }
    }

    /** A 409 that shows the step applied on A before it died: the process moved past it, or completed. */
    private static boolean answeredBefore(String code, String step, JsonNode problem) {
        JsonNode current = problem.path("current");
        return "wrong_step".equals(code) && !step.equals(current.at("/nextStep/id").asText())
                || "step_not_waiting".equals(code) && "completed".equals(current.path("status").asText());
    }

    /**
     * Sends to A (to B once A is seen down), and after a failed connection to B with the same key until a 2xx. A step whose first attempt
     * committed on A but was never answered gets 409 {@code wrong_step} once A's claim lapses (the body names the
     * step, so it cannot apply twice), or 409 {@code step_not_waiting} when that step completed the process; the
     * process it carries is then the answer.
     */
    private @Nullable JsonNode send(Http a, Http b, String path, String body, int expected, @Nullable String step) {
        String key = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + RETRY_DEADLINE.toNanos();
        long inFlightSince = 0;
        boolean failedOnce = false;
        Http target = aDown.get() ? b : a;
        while (System.nanoTime() < deadline) {
            Http.Response response;
            try {
                response = target.post(path, body, "Idempotency-Key", key);
            } catch (UncheckedIOException e) {
                failedOnce = true;
                aDown.set(true);
                target = b;
                continue;
            }
            if (response.status() == expected) {
                acknowledged.incrementAndGet();
                if (failedOnce) {
                    retried.incrementAndGet();
                }
                return response.json();
            }
            String code = response.json().path("code").asText();
            if (step != null && failedOnce && response.status() == 409 && answeredBefore(code, step, response.json())) {
                answeredByRead.incrementAndGet();
                retried.incrementAndGet();
                acknowledged.incrementAndGet();
                return response.json().get("current");
            }
            if (response.status() == 409 && "request_in_flight".equals(code)) {
                long now = System.nanoTime();
                inFlightSince = inFlightSince == 0 ? now : inFlightSince;
                longestInFlightMillis.accumulateAndGet((now - inFlightSince) / 1_000_000, Math::max);
                sleep();
                continue;
            }
            failures.add("POST " + path + " key " + key + ": " + response.status() + " " + response.body());
            return null;
        }
        failures.add("POST " + path + " key " + key + ": no 2xx within " + RETRY_DEADLINE);
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
