package io.flowstate.bench;

import io.flowstate.bench.ClosedLoopLoad.Operation;
import io.flowstate.bench.ClosedLoopLoad.Result;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.ProcessFixtures;
import io.flowstate.testkit.redis.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * What a step costs on Redis, in units of Redis's own round trip, measured side by side in one run against one
 * private redis-server on loopback: the raw round trip from the JVM through Lettuce ({@code GET} of a small key
 * and {@code EVALSHA} of a no-op script, the baselines), the store's {@code compareAndSet} (one script: version
 * check, record, event stream, publish, TTLs), {@code PUT /process/{id}/state} over HTTP on a Redis-backed
 * server (a read and a compare-and-set), and a whole three-request sign-up over HTTP (start, profile, address),
 * each at one client and at saturation (after a warm-up of the server's JIT); then flows per second with one and with three server instances on the
 * same Redis (in this JVM, each request to a random instance). Results: docs/benchmarks.md ("Redis").
 *
 * <p>Run from the repository root (durations and the saturating client count can be changed with
 * {@code -Dbench.serverWarmup=PT10S -Dbench.warmup=PT3S -Dbench.measure=PT5S -Dbench.clients=32}):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx2g \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) io.flowstate.bench.RedisStepLoadDriver
 * </pre>
 */
public final class RedisStepLoadDriver {

    private static final byte[] KEY = "bench:key".getBytes(StandardCharsets.UTF_8);

    private final Duration warmup = Duration.parse(System.getProperty("bench.warmup", "PT3S"));
    private final Duration measure = Duration.parse(System.getProperty("bench.measure", "PT5S"));
    private final Duration serverWarmup = Duration.parse(System.getProperty("bench.serverWarmup", "PT10S"));
    private final int saturation = Integer.getInteger("bench.clients", 32);
    private final Path flows = Path.of(System.getProperty("bench.flows", "examples/flows"));
    private final Clock clock = Clock.systemUTC();
    private final List<Result> results = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new RedisStepLoadDriver().run();
        System.exit(0); // Helidon and Lettuce leave non-daemon threads behind a few seconds
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "%d cores, JDK %s, load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), LoadAverage.now());
        try (RedisServer redis = RedisServer.start()) {
            System.out.println("redis-server " + redisVersion(redis) + " on " + redis.uri()
                    + "; warm-up " + warmup + ", measured " + measure + " per row");
            RedisClient client = RedisClient.create(redis.uri());
            try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
                 RedisProcessStore store = RedisProcessStore.connect(RedisStoreOptions.of(redis.uri())
                         .withEventLogCapacity(StoreConfig.DEFAULTS.eventLogSize()), clock);
                 FlowstateServer first = FlowstateServer.start(config(redis))) {
                RedisCommands<byte[], byte[]> raw = connection.sync();
                raw.set(KEY, "x".getBytes(StandardCharsets.UTF_8));
                String noOp = raw.scriptLoad("return 1");
                BenchHttp one = new BenchHttp(List.of(first.port()));
                // the first HTTP rows would otherwise measure a cold JIT (Helidon, Jackson, the script engine)
                ClosedLoopLoad.run("server warm-up", saturation, Duration.ZERO, serverWarmup, i -> one::signup);
                for (int clients : List.of(1, saturation)) {
                    measure(redis, "GET (raw round trip)", clients, i -> () -> raw.get(KEY));
                    measure(redis, "EVALSHA no-op (raw round trip)", clients,
                            i -> () -> raw.evalsha(noOp, ScriptOutputType.INTEGER));
                    measure(redis, "store compareAndSet", clients, i -> compareAndSet(store));
                    measure(redis, "PUT /process/{id}/state over HTTP", clients, i -> one.replaceStateLoop());
                    measure(redis, "3-step flow over HTTP, 1 instance", clients, i -> one::signup);
                }
                try (FlowstateServer second = FlowstateServer.start(config(redis));
                     FlowstateServer third = FlowstateServer.start(config(redis))) {
                    BenchHttp three = new BenchHttp(List.of(first.port(), second.port(), third.port()));
                    ClosedLoopLoad.run("server warm-up", saturation, Duration.ZERO, serverWarmup, i -> three::signup);
                    measure(redis, "3-step flow over HTTP, 3 instances", saturation, i -> three::signup);
                }
            } finally {
                client.shutdown();
            }
        }
        print();
        System.out.printf(Locale.ROOT, "load average at end: %s%n", LoadAverage.now());
    }

    private void measure(RedisServer redis, String name, int clients,
                         IntFunction<Operation> perClient) throws Exception {
        redis.call("FLUSHALL"); // every row starts on an empty Redis (the script cache stays)
        Result result = ClosedLoopLoad.run(name, clients, warmup, measure, perClient);
        results.add(result);
        System.out.printf(Locale.ROOT, "  %-40s %3d clients %10.0f ops/s  mean %9.1f µs%n", name, clients,
                result.perSecond(), result.meanMicros());
    }

    /** One client's loop of commits on its own process, as the engine makes them (version n to n + 1). */
    private Operation compareAndSet(RedisProcessStore store) {
        ProcessInstance[] current = {ProcessFixtures.started(clock)};
        store.create(current[0], ProcessFixtures.startedEvent(current[0]));
        return () -> {
            ProcessInstance next = ProcessFixtures.advanced(current[0], clock);
            CasResult result = store.compareAndSet(current[0].version(), next, ProcessFixtures.updatedEvent(next));
            if (!(result instanceof CasResult.Committed)) {
                throw new IllegalStateException("compareAndSet did not commit: " + result);
            }
            current[0] = next;
        };
    }

    private void print() {
        System.out.println();
        System.out.println("| operation | clients | ops/s | mean µs | p50 µs | p99 µs | × GET | × EVALSHA |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Result result : results) {
            Result get = baseline("GET", result.clients());
            Result evalsha = baseline("EVALSHA", result.clients());
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %s | %s |%n", result.name(),
                    result.clients(), result.perSecond(), result.meanMicros(), result.p50Micros(), result.p99Micros(),
                    ratio(result, get), ratio(result, evalsha));
        }
        System.out.println();
        System.out.println("× = mean latency of the row over the mean latency of the raw round trip at the same"
                + " client count; at saturation that is also the inverse ratio of their throughputs.");
    }

    private @Nullable Result baseline(String prefix, int clients) {
        return results.stream().filter(r -> r.name().startsWith(prefix) && r.clients() == clients).findFirst()
                .orElse(null);
    }

    private static String ratio(Result result, @Nullable Result baseline) {
        return baseline == null ? "" : String.format(Locale.ROOT, "%.1f", result.meanMicros() / baseline.meanMicros());
    }

    private FlowstateConfig config(RedisServer redis) {
        StoreConfig store = new StoreConfig(StoreConfig.Kind.REDIS, Path.of("unused"), StoreConfig.Durability.NORMAL,
                StoreConfig.DEFAULTS.eventLogSize(), StoreConfig.DEFAULTS.sweepInterval(), redis.uri());
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flows, Mode.PROCESS, store,
                ScriptConfig.DEFAULTS);
    }

    private static String redisVersion(RedisServer redis) {
        String info = String.valueOf(redis.call("INFO", "server"));
        return info.lines().filter(line -> line.startsWith("redis_version:")).findFirst()
                .map(line -> line.substring("redis_version:".length())).orElse("?");
    }

}
