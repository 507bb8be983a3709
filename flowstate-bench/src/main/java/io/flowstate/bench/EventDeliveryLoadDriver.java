package io.flowstate.bench;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.EventsConfig;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.redis.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Event delivery latency: one process, N SSE subscribers on loopback (N = 1, 100, 1000), a series of state
 * commits, and for every (subscriber, event) pair the time from the commit (the event's {@code at}, taken by the
 * engine just before its compare-and-set) to the moment the subscriber has read the event's {@code data:} line.
 * Server and subscribers share this JVM and its clock (2 cores here, so the subscribers' reading competes with
 * the server's writing: the figures are an upper bound for a server alone). The baseline, measured in the same
 * run, is the writer's own {@code PATCH} round trip (which includes the commit). Memory store on one instance;
 * with the first argument {@code redis}, a private redis-server and two instances in this JVM: commits on one,
 * subscribers on the other, events through Redis pub/sub. With {@code jvms}, the same across Redis but each
 * instance in its own JVM ({@link BenchServer}, {@code -Xmx1g}): commits on A, subscribers on B, and only the
 * subscribers and the writer in this JVM, as a deployment would have them. {@code -Dbench.serverJvmArgs.b=...}
 * passes options to B's JVM (a flight recording, say).
 *
 * <p>Bounded: {@value #EVENTS} commits {@value #SPACING_MS} ms apart per N, after {@value #WARMUP} warm-up commits;
 * before the first N, a warm-up round ({@value #WARMUP_SUBSCRIBERS} subscribers, {@value #WARMUP_EVENTS} commits
 * {@value #WARMUP_SPACING_MS} ms apart, not reported) so that the servers' JIT has compiled the paths measured.
 * {@code -Dbench.events=} sets the number of commits measured per N (longer runs to profile).
 * Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java -Xmx1g -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.EventDeliveryLoadDriver 1 100 1000
 * $JAVA_HOME/bin/java -Xmx1g -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.EventDeliveryLoadDriver redis 1 100 1000
 * $JAVA_HOME/bin/java -Xmx1g -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.EventDeliveryLoadDriver jvms 1 100 1000
 * </pre>
 */
public final class EventDeliveryLoadDriver {

    static final int EVENTS = 100;
    static final int WARMUP = 20;
    static final int SPACING_MS = 25;
    static final int WARMUP_SUBSCRIBERS = 200;
    static final int WARMUP_EVENTS = 2_000;
    static final int WARMUP_SPACING_MS = 2;

    private EventDeliveryLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 && !Character.isDigit(args[0].charAt(0)) ? args[0] : "memory";
        boolean redis = mode.equals("redis");
        List<Integer> counts = new ArrayList<>();
        for (String arg : args) {
            if (Character.isDigit(arg.charAt(0))) {
                counts.add(Integer.parseInt(arg));
            }
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 100, 1000);
        }
        Path flows = Files.createTempDirectory("bench-flows");
        Files.writeString(flows.resolve("notes.json"), """
                { "id": "notes", "start": "edit", "steps": {
                    "edit": { "type": "form", "schema": { "type": "object" }, "next": "done" },
                    "done": { "type": "end" } } }
                """);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf("%-12s %10s %10s %10s %10s %16s %14s%n", "subscribers", "samples", "p50 ms", "p99 ms",
                "max ms", "PATCH p50 ms", "p50 / PATCH");
        if (mode.equals("jvms")) {
            runInOtherJvms(counts, http);
            return;
        }
        if (!redis) {
            try (FlowstateServer server = FlowstateServer.start(config(flows, StoreConfig.Kind.MEMORY, null))) {
                warmUp(server.port(), server.port(), http);
                for (int n : counts) {
                    print(n, run(server.port(), server.port(), http, n));
                }
            }
            return;
        }
        // commits on instance B, subscribers on instance A, events through Redis pub/sub
        try (RedisServer redisServer = RedisServer.start();
             FlowstateServer a = FlowstateServer.start(config(flows, StoreConfig.Kind.REDIS, redisServer.uri()));
             FlowstateServer b = FlowstateServer.start(config(flows, StoreConfig.Kind.REDIS, redisServer.uri()))) {
            warmUp(a.port(), b.port(), http);
            for (int n : counts) {
                print(n, run(a.port(), b.port(), http, n));
            }
        }
    }

    /** Instances A and B each in its own JVM on one private redis-server: commits on A, subscribers (here) on B. */
    static void runInOtherJvms(List<Integer> counts, HttpClient http) throws Exception {
        try (RedisServer redisServer = RedisServer.start();
             ServerProcess a = ServerProcess.start("a", "-Xmx1g", "redis", redisServer.uri());
             ServerProcess b = ServerProcess.start("b", "-Xmx1g", "redis", redisServer.uri())) {
            warmUp(b.port(), a.port(), http);
            for (int n : counts) {
                print(n, run(b.port(), a.port(), http, n));
            }
        }
    }

    static FlowstateConfig config(Path flows, StoreConfig.Kind kind, @Nullable String redisUrl) {
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flows, Mode.PROCESS,
                new StoreConfig(kind, flows, StoreConfig.Durability.NORMAL, 1000, Duration.ofSeconds(1),
                        redisUrl == null ? StoreConfig.DEFAULTS.redisUrl() : redisUrl), ScriptConfig.DEFAULTS,
                new EventsConfig(Duration.ofSeconds(15), 1024, Duration.ofSeconds(2), 10_000));
    }

    static void print(int n, Result result) {
        System.out.printf(Locale.ROOT, "%-12d %10d %10.2f %10.2f %10.2f %16.2f %14.1f%n", n, result.samples(),
                result.p50(), result.p99(), result.max(), result.requestP50(), result.p50() / result.requestP50());
    }

    /** Latencies in ms; {@code requestP50} is the baseline: the writer's own PATCH round trip, same run. */
    record Result(int samples, double p50, double p99, double max, double requestP50) {
    }

    /** Subscribers on {@code subscriberPort}, commits on {@code writerPort} (the same port for one instance). */
    static Result run(int subscriberPort, int writerPort, HttpClient http, int subscribers) throws Exception {
        return run(subscriberPort, writerPort, http, subscribers, Integer.getInteger("bench.events", EVENTS),
                SPACING_MS);
    }

    /** The warm-up round: run, not reported. */
    static void warmUp(int subscriberPort, int writerPort, HttpClient http) throws Exception {
        run(subscriberPort, writerPort, http, WARMUP_SUBSCRIBERS, WARMUP_EVENTS, WARMUP_SPACING_MS);
    }

    static Result run(int subscriberPort, int writerPort, HttpClient http, int subscribers, int events,
            int spacingMs) throws Exception {
        int port = writerPort;
        String id = post(http, port, "/workflow/start", "{\"flow\": \"notes\"}");
        ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        SseSubscribers readers = SseSubscribers.open(subscriberPort, "/process/" + id + "/events", subscribers,
                WARMUP + 1, latenciesMicros);
        readers.awaitFirstEvents(Duration.ofSeconds(30));
        List<Long> requestMicros = new ArrayList<>();
        for (int i = 0; i < WARMUP + events; i++) {
            long started = System.nanoTime();
            send(http, port, "PATCH", "/process/" + id + "/state", "{\"n\": " + i + "}");
            if (i >= WARMUP) {
                requestMicros.add((System.nanoTime() - started) / 1000);
            }
            Thread.sleep(spacingMs);
        }
        Collections.sort(requestMicros);
        long expected = (long) subscribers * events;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (latenciesMicros.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        readers.close();
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        if (sorted.size() < expected) {
            System.out.printf("  (only %d of %d deliveries arrived)%n", sorted.size(), expected);
        }
        return new Result(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1000.0, percentile(requestMicros, 0.50));
    }

    static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1000.0;
    }

    static String post(HttpClient http, int port, String path, String body) throws Exception {
        String response = send(http, port, "POST", path, body);
        int start = response.indexOf("\"processId\":\"") + 13;
        return response.substring(start, response.indexOf('"', start));
    }

    static String send(HttpClient http, int port, String method, String path, String body) throws Exception {
        String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Microseconds from the event's {@code at} to now. */
    static long sinceAt(String data) {
        int start = data.indexOf("\"at\":\"") + 6;
        Instant at = Instant.parse(data.substring(start, data.indexOf('"', start)));
        Instant now = Instant.now();
        return Duration.between(at, now).toNanos() / 1000;
    }
}
