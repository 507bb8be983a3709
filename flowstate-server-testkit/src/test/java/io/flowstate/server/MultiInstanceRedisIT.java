package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerProcess;
import io.flowstate.testkit.redis.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three server JVMs on one Redis, no sticky routing: every request of every client goes to a random instance,
 * and one instance is killed with SIGKILL halfway through. Each of 200 sign-ups (start, profile, address)
 * completes, no answer is a 5xx, every read from another instance right after a write sees at least the
 * version that write returned, and afterwards every process holds exactly what its client submitted.
 */
class MultiInstanceRedisIT {

    private static final int PROCESSES = 200;
    private static final int CLIENTS = 16;
    private static final int WRITES = 3 * PROCESSES;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
    private static final int VICTIM = 2;
    /**
     * Three server JVMs and 16 clients share two cores here: a script step that takes microseconds alone can
     * wait seconds for a core, and the 2 s default limit would fail a process this test means to complete.
     */
    private static final String SCRIPT_TIMEOUT = "PT10S";

    @TempDir
    Path logs;

    /** What one client submitted for process {@code n}, and what the process must hold at the end. */
    private record Applicant(int n) {
        String name() {
            return "Applicant number " + n + " with a long name";
        }

        String profile() {
            return "{\"name\": \"" + name() + "\", \"email\": \"applicant" + n + "@example.org\"}";
        }

        String address() {
            return "{\"city\": \"City " + n + "\"}";
        }

        ObjectNode expectedState() {
            ObjectNode state = Json.object();
            state.put("name", name()).put("email", "applicant" + n + "@example.org")
                    .put("score", name().length()).put("city", "City " + n);
            return state;
        }
    }

    @Test
    void everyProcessCompletesAcrossThreeInstancesWithOneKilledMidRun() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            List<ServerProcess> servers = startInstances(redis, 3);
            try {
                List<Http> instances = servers.stream().map(ServerProcess::http).toList();
                RetryingClient client = new RetryingClient(instances);
                Map<String, Applicant> processes = new ConcurrentHashMap<>();
                Queue<String> staleReads = new ConcurrentLinkedQueue<>();
                AtomicInteger writes = new AtomicInteger();
                AtomicInteger next = new AtomicInteger();
                CountDownLatch halfway = new CountDownLatch(1);

                long started = System.nanoTime();
                try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                    Future<?> killer = pool.submit(() -> {
                        if (halfway.await(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                            servers.get(VICTIM).kill();
                        }
                        return null;
                    });
                    List<Future<?>> clients = new ArrayList<>();
                    for (int c = 0; c < CLIENTS; c++) {
                        clients.add(pool.submit(() -> {
                            for (int n = next.getAndIncrement(); n < PROCESSES; n = next.getAndIncrement()) {
                                Applicant applicant = new Applicant(n);
                                Runnable wrote = () -> {
                                    if (writes.incrementAndGet() == WRITES / 2) {
                                        halfway.countDown();
                                    }
                                };
                                runSignup(client, applicant, processes, staleReads, wrote);
                            }
                            return null;
                        }));
                    }
                    long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
                    try {
                        for (Future<?> future : clients) {
                            future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        }
                        killer.get(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        pool.shutdownNow(); // a failed or overdue run must not leave clients running
                        throw e;
                    }
                }
                long took = System.nanoTime() - started;

                System.out.printf("MultiInstanceRedisIT: %d processes x 3 writes by %d clients on 3 instances in %d ms"
                                + " (instance %d SIGKILLed after %d writes); connection failures retried elsewhere: %d,"
                                + " keys left in flight by the killed instance: %d (abandoned starts: %d),"
                                + " steps answered by a 412 after a lost reply: %d%n",
                        PROCESSES, CLIENTS, took / 1_000_000, VICTIM, WRITES / 2, client.connectionFailures(),
                        client.inFlightKeys(), client.abandonedStarts(), client.answeredBy412());
                assertThat(servers.get(VICTIM).isAlive()).isFalse();
                assertThat(client.serverErrors()).isEmpty();
                assertThat(staleReads).isEmpty();
                assertThat(processes).hasSize(PROCESSES);
                assertEveryProcessHoldsWhatWasSubmitted(instances.getFirst(), processes);
                List<String> stored = RedisKeyScan.keys(redis, "fs:{*}:p");
                assertThat(stored.size()).isBetween(PROCESSES, PROCESSES + client.abandonedStarts());
            } finally {
                for (ServerProcess server : servers) {
                    server.close();
                }
            }
        }
    }

    private static void runSignup(RetryingClient client, Applicant applicant, Map<String, Applicant> processes,
                                  Queue<String> staleReads, Runnable wrote) {
        RetryingClient.Written started = client.start("signup");
        String id = started.process().get("processId").asText();
        processes.put(id, applicant);
        expectVersion(started, 1, "profile");
        wrote.run();
        checkReadYourWrite(client, id, started, staleReads);

        RetryingClient.Written profiled = client.submit(id, 1, "profile", applicant.profile());
        expectVersion(profiled, 2, "address");
        wrote.run();
        checkReadYourWrite(client, id, profiled, staleReads);

        RetryingClient.Written completed = client.submit(id, 2, "address", applicant.address());
        expectVersion(completed, 3, null);
        assertThat(completed.process().get("status").asText()).isEqualTo("completed");
        wrote.run();
        checkReadYourWrite(client, id, completed, staleReads);
    }

    private static void expectVersion(RetryingClient.Written written, long version, String waitingAt) {
        assertThat(written.version()).as(written.process().toString()).isEqualTo(version);
        if (waitingAt != null) {
            assertThat(written.process().at("/nextStep/id").asText()).as(written.process().toString())
                    .isEqualTo(waitingAt);
        }
    }

    /** Without SSE, a client sees its own write from any instance: process mode reads the store every time. */
    private static void checkReadYourWrite(RetryingClient client, String id, RetryingClient.Written written,
                                           Queue<String> staleReads) {
        RetryingClient.Written read = client.read(id, written.instance());
        if (read.version() < written.version()) {
            staleReads.add(id + ": wrote v" + written.version() + " on instance " + written.instance()
                    + ", read v" + read.version() + " on instance " + read.instance());
        }
    }

    private static void assertEveryProcessHoldsWhatWasSubmitted(Http http, Map<String, Applicant> processes) {
        processes.forEach((id, applicant) -> {
            JsonNode process = http.get("/process/" + id).json();
            assertThat(process.get("status").asText()).as(id).isEqualTo("completed");
            assertThat(process.get("version").asLong()).as(id).isEqualTo(3);
            assertThat(process.get("state")).as(id).isEqualTo(applicant.expectedState());
            assertThat(process.get("result")).as(id).isEqualTo(applicant.expectedState());
            JsonNode history = http.get("/process/" + id + "/history").json().get("entries");
            assertThat(history.size()).as(id).isEqualTo(3);
        });
    }

    private List<ServerProcess> startInstances(RedisServer redis, int count) throws Exception {
        List<Future<ServerProcess>> starting = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                String name = "instance-" + i;
                starting.add(pool.submit(() -> BuiltServer.jar(logs.resolve(name + ".log"))
                        .args("--store", "redis", "--redis-url", redis.uri(), "--flows", BuiltServer.FLOWS)
                        .environment("FLOWSTATE_SCRIPT_TIMEOUT", SCRIPT_TIMEOUT).start()));
            }
        }
        List<ServerProcess> servers = new ArrayList<>();
        Exception failure = null;
        for (Future<ServerProcess> future : starting) {
            try {
                servers.add(future.get());
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            for (ServerProcess server : servers) {
                server.close();
            }
            throw failure;
        }
        return servers;
    }
}
