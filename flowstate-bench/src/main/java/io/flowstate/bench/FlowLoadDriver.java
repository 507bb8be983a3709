package io.flowstate.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.FlowstateServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * HTTP load: {@code clients} virtual threads each run {@link SignupCycle}s back to back against one
 * in-process {@link FlowstateServer} per store on loopback for a bounded time: each store is warmed up,
 * then the stores are measured in alternating rounds. Reports cycles per second and p50/p99/max of each request of the
 * cycle; {@code profile} is the step that runs the script and branches. Not a JMH benchmark: JMH has no
 * virtual-thread clients and no per-request percentiles over a shared server.
 *
 * <p>Run from the repository root ({@code run.sh} runs it after the JMH suite):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.FlowLoadDriver clients=8 warmup=PT5S duration=PT4S rounds=2 \
 *     out=flowstate-bench/target/load
 * </pre>
 * Every argument is optional; {@code stores=memory,sqlite} picks the stores. Clients are capped at 64 and
 * each phase at 60 seconds, rounds at 10, so a run stays bounded.
 */
public final class FlowLoadDriver {

    private static final int MAX_CLIENTS = 64;
    private static final Duration MAX_PHASE = Duration.ofSeconds(60);

    private record Settings(int clients, Duration warmup, Duration duration, int rounds, List<String> stores,
                            Path out) {
        Settings {
            if (rounds < 1 || rounds > 10) {
                throw new IllegalArgumentException("rounds must be between 1 and 10");
            }
            if (clients < 1 || clients > MAX_CLIENTS) {
                throw new IllegalArgumentException("clients must be between 1 and " + MAX_CLIENTS);
            }
            if (warmup.isNegative() || duration.isNegative() || duration.isZero()
                    || warmup.compareTo(MAX_PHASE) > 0 || duration.compareTo(MAX_PHASE) > 0) {
                throw new IllegalArgumentException("warmup and duration must be at most " + MAX_PHASE);
            }
        }
    }

    /** One timed stretch of load on one store. */
    private record Phase(long cycles, double seconds, List<StepLatencies> recorders) {
    }

    /** What one store sustained over all its measured rounds. */
    private record StoreResult(String store, long cycles, double seconds, StepLatencies latencies) {
        double cyclesPerSecond() {
            return cycles / seconds;
        }
    }

    private FlowLoadDriver() {
    }

    public static void main(String[] args) throws IOException {
        Settings settings = parse(args);
        List<StoreResult> results = measure(settings);
        String text = text(settings, results);
        System.out.print(text);
        Files.createDirectories(settings.out().toAbsolutePath().getParent());
        Files.writeString(Path.of(settings.out() + ".txt"), text);
        Files.writeString(Path.of(settings.out() + ".json"), Json.text(json(settings, results)));
    }

    /**
     * Warms every store's server, then measures them in alternating rounds (memory, sqlite, memory, …) so
     * that JIT warm-up and the neighbours' load on a shared machine fall on both stores alike.
     */
    private static List<StoreResult> measure(Settings settings) {
        Map<String, Path> dataDirs = new LinkedHashMap<>();
        Map<String, FlowstateServer> servers = new LinkedHashMap<>();
        try {
            for (String store : settings.stores()) {
                dataDirs.put(store, BenchConfigs.tempDataDir());
                servers.put(store, FlowstateServer.start(BenchConfigs.config(store, dataDirs.get(store))));
            }
            Map<String, JdkHttpSignupClient> clients = new LinkedHashMap<>();
            servers.forEach((store, server) -> clients.put(store, new JdkHttpSignupClient(server.port())));
            if (!settings.warmup().isZero()) {
                clients.forEach((store, http) -> run(store, http, settings.clients(), settings.warmup()));
            }
            Map<String, List<Phase>> phases = new LinkedHashMap<>();
            for (int round = 0; round < settings.rounds(); round++) {
                clients.forEach((store, http) -> phases.computeIfAbsent(store, s -> new ArrayList<>())
                        .add(run(store, http, settings.clients(), settings.duration())));
            }
            List<StoreResult> results = new ArrayList<>();
            phases.forEach((store, list) -> results.add(new StoreResult(store,
                    list.stream().mapToLong(Phase::cycles).sum(), list.stream().mapToDouble(Phase::seconds).sum(),
                    StepLatencies.merge(list.stream().flatMap(p -> p.recorders().stream()).toList()))));
            return results;
        } finally {
            servers.values().forEach(FlowstateServer::stop);
            dataDirs.values().forEach(BenchConfigs::delete);
        }
    }

    /** {@code clients} virtual threads cycling until {@code duration} is over; rethrows the first failure. */
    private static Phase run(String store, JdkHttpSignupClient http, int clients, Duration duration) {
        List<StepLatencies> recorders = new ArrayList<>();
        List<Future<Long>> cycles = new ArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                StepLatencies recorder = new StepLatencies();
                recorders.add(recorder);
                TimedClient client = new TimedClient(http, recorder);
                cycles.add(threads.submit(() -> {
                    long done = 0;
                    try {
                        while (System.nanoTime() < deadline && !failed.get()) {
                            SignupCycle.run(client);
                            done++;
                        }
                    } catch (RuntimeException e) {
                        failed.set(true); // stop the other clients too: a load run with errors is no result
                        throw e;
                    }
                    return done;
                }));
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long total = 0;
        for (Future<Long> count : cycles) {
            try {
                total += count.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a client failed on the " + store + " store", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Phase(total, seconds, recorders);
    }

    private static String text(Settings settings, List<StoreResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "FlowLoadDriver: %d clients, warm-up %s per store, measured %d x %s per store%n",
                settings.clients(), settings.warmup(), settings.rounds(), settings.duration()));
        out.append(String.format(Locale.ROOT, "%-7s %8s %10s  %-8s %7s %10s %10s %10s%n",
                "store", "cycles", "cycles/s", "request", "count", "p50 us", "p99 us", "max us"));
        for (StoreResult result : results) {
            for (int step = 0; step < StepLatencies.STEPS.size(); step++) {
                StepLatencies latencies = result.latencies();
                out.append(String.format(Locale.ROOT, "%-7s %8d %10.1f  %-8s %7d %10.1f %10.1f %10.1f%n",
                        result.store(), result.cycles(), result.cyclesPerSecond(), StepLatencies.STEPS.get(step),
                        latencies.count(step), latencies.micros(step, 0.5), latencies.micros(step, 0.99),
                        latencies.micros(step, 1.0)));
            }
        }
        ratios(results).forEach((name, value) ->
                out.append(String.format(Locale.ROOT, "%s = %.2f%n", name, value)));
        return out.toString();
    }

    private static ObjectNode json(Settings settings, List<StoreResult> results) {
        ObjectNode root = Json.object()
                .put("clients", settings.clients())
                .put("warmup", settings.warmup().toString())
                .put("duration", settings.duration().toString())
                .put("rounds", settings.rounds());
        ArrayNode stores = root.putArray("results");
        for (StoreResult result : results) {
            ObjectNode node = stores.addObject()
                    .put("store", result.store())
                    .put("cycles", result.cycles())
                    .put("seconds", result.seconds())
                    .put("cyclesPerSecond", result.cyclesPerSecond());
            ObjectNode steps = node.putObject("requests");
            for (int step = 0; step < StepLatencies.STEPS.size(); step++) {
                steps.putObject(StepLatencies.STEPS.get(step))
                        .put("count", result.latencies().count(step))
                        .put("p50Micros", result.latencies().micros(step, 0.5))
                        .put("p99Micros", result.latencies().micros(step, 0.99))
                        .put("maxMicros", result.latencies().micros(step, 1.0));
            }
        }
        ObjectNode ratios = root.putObject("ratios");
        ratios(results).forEach(ratios::put);
        return root;
    }

    /** sqlite against memory, when both ran. */
    private static Map<String, Double> ratios(List<StoreResult> results) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        StoreResult memory = find(results, "memory");
        StoreResult sqlite = find(results, "sqlite");
        if (memory != null && sqlite != null) {
            ratios.put("sqlite/memory cycles per second", sqlite.cyclesPerSecond() / memory.cyclesPerSecond());
            ratios.put("sqlite/memory profile p50", sqlite.latencies().micros(1, 0.5) / memory.latencies().micros(1, 0.5));
            ratios.put("sqlite/memory profile p99", sqlite.latencies().micros(1, 0.99)
                    / memory.latencies().micros(1, 0.99));
        }
        return ratios;
    }

    private static @Nullable StoreResult find(List<StoreResult> results, String store) {
        return results.stream().filter(r -> r.store().equals(store)).findFirst().orElse(null);
    }

    private static Settings parse(String[] args) {
        Map<String, String> values = KeyValueArgs.parse(args, Map.of("clients", "8", "warmup", "PT5S",
                "duration", "PT4S", "rounds", "2", "stores", "memory,sqlite", "out", "flowstate-bench/target/load"));
        return new Settings(Integer.parseInt(values.get("clients")), Duration.parse(values.get("warmup")),
                Duration.parse(values.get("duration")), Integer.parseInt(values.get("rounds")), List.of(Objects.requireNonNull(values.get("stores")).split(",", -1)),
                Path.of(values.get("out")));
    }
}
