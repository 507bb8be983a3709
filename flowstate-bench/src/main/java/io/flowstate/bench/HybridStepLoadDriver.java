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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Hybrid against process mode, side by side on one server over a private redis-server: the same one-form flow in
 * each mode, and for each the client-observed latency of a read ({@code GET /process/{id}}) and of a step
 * ({@code POST /process/{id}/step} with {@code If-Match}; the form loops back to itself). Rounds alternate between
 * the modes so that drift on a shared machine hits both alike. A hybrid read is served from the near cache and a
 * hybrid step costs one Redis round trip instead of two.
 *
 * <p>Bounded: {@value #ROUNDS} rounds of {@value #PER_ROUND} reads and steps per mode, after a warm-up round. Run
 * from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.HybridStepLoadDriver
 * </pre>
 */
public final class HybridStepLoadDriver {

    static final int ROUNDS = 10;
    static final int PER_ROUND = 200;

    private HybridStepLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Path flows = Files.createTempDirectory("bench-flows");
        for (String mode : List.of("process", "hybrid")) {
            Files.writeString(flows.resolve(mode + ".json"), """
                    { "id": "%s", "mode": "%s", "start": "edit", "steps": {
                        "edit": { "type": "form", "schema": { "type": "object" }, "next": "edit" } } }
                    """.formatted(mode, mode));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RedisServer redis = RedisServer.start();
             FlowstateServer server = FlowstateServer.start(new FlowstateConfig(
                     new ServerConfig("127.0.0.1", 0, 1 << 20), flows, Mode.PROCESS,
                     new StoreConfig(StoreConfig.Kind.REDIS, flows, StoreConfig.Durability.NORMAL, 100,
                             Duration.ofSeconds(1), redis.uri()), ScriptConfig.DEFAULTS, EventsConfig.DEFAULTS))) {
            int port = server.port();
            Lane process = new Lane(EventDeliveryLoadDriver.post(http, port, "/workflow/start", "{\"flow\": \"process\"}"));
            Lane hybrid = new Lane(EventDeliveryLoadDriver.post(http, port, "/workflow/start", "{\"flow\": \"hybrid\"}"));
            for (int round = 0; round <= ROUNDS; round++) {
                boolean measured = round > 0; // round 0 warms up
                process.round(http, port, measured);
                hybrid.round(http, port, measured);
            }
            System.out.printf("%-8s %12s %12s %12s %12s%n", "mode", "read p50 ms", "read p99 ms", "step p50 ms",
                    "step p99 ms");
            process.print("process");
            hybrid.print("hybrid");
            System.out.printf(Locale.ROOT, "hybrid / process: read p50 %.2f, step p50 %.2f%n",
                    p(hybrid.reads, 0.5) / p(process.reads, 0.5), p(hybrid.steps, 0.5) / p(process.steps, 0.5));
        }
    }

    /** One process and its measured latencies, in microseconds. */
    static final class Lane {
        final String id;
        final List<Long> reads = new ArrayList<>();
        final List<Long> steps = new ArrayList<>();
        long version = 1;

        Lane(String id) {
            this.id = id;
        }

        void round(HttpClient http, int port, boolean measured) throws Exception {
            for (int i = 0; i < PER_ROUND; i++) {
                long started = System.nanoTime();
                send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/process/" + id)).GET());
                long read = System.nanoTime();
                send(http, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/process/" + id + "/step"))
                        .header("Content-Type", "application/json").header("If-Match", "\"" + version + "\"")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"input\": {\"i\": " + i + "}}")));
                long stepped = System.nanoTime();
                version++;
                if (measured) {
                    reads.add((read - started) / 1000);
                    steps.add((stepped - read) / 1000);
                }
            }
        }

        void print(String mode) {
            System.out.printf(Locale.ROOT, "%-8s %12.3f %12.3f %12.3f %12.3f%n", mode, p(reads, 0.5), p(reads, 0.99),
                    p(steps, 0.5), p(steps, 0.99));
        }
    }

    static void send(HttpClient http, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("answered " + response.statusCode() + ": " + response.body());
        }
    }

    static double p(List<Long> values, double percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return EventDeliveryLoadDriver.percentile(sorted, percentile);
    }
}
