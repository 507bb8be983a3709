package io.flowstate.bench;

import io.flowstate.testkit.redis.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a form step costs over HTTP at one client, as a multiple of the same server's {@code GET /health/live}
 * measured in the same rounds over the same connection: the budget of DESIGN.md §10 (≤ 1.3× on memory, ≤ 2× on
 * SQLite, ≤ 3× on Redis in process mode, ≤ 2× in hybrid mode). For each store a {@link BenchServer} runs in its own
 * JVM ({@code -Xmx1g}, default configuration and durability, access log on), so the client's heap and JIT stay out of
 * the server's; Redis is a private redis-server on a free port. One client on one kept-alive socket
 * ({@link SocketSignupClient}) warms up, then, for several timed rounds, repeats: {@code GET /health/live}, a step
 * ({@code POST /process/{id}/step} with {@code If-Match}, three typed fields checked against the form's schema), and
 * {@code GET /process/{id}}; a {@code POST /workflow/start} opens a new process every {@code stepsPerProcess} steps.
 * Reported: the p50/p99 of each request, and each p50 divided by the health check's p50, per round and over all
 * rounds, with the load average before and after.
 *
 * <p>Run from the repository root (a flight recording of one server: add
 * {@code -Dbench.serverJvmArgs.sqlite=-XX:StartFlightRecording=filename=sqlite.jfr,settings=profile}):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -o -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.StepCostLoadDriver stores=memory,sqlite,redis,hybrid warmup=PT20S rounds=5 round=PT4S
 * </pre>
 * Every argument is optional. Rounds are capped at 20 and each phase at 120 seconds, so a run stays bounded.
 */
public final class StepCostLoadDriver {

    private static final List<String> REQUESTS = List.of("/health/live", "step", "GET /process/{id}", "start");
    private static final int HEALTH = 0;
    private static final int STEP = 1;
    private static final int READ = 2;
    private static final int START = 3;
    private static final Map<String, Double> TARGETS = Map.of("memory", 1.3, "sqlite", 2.0, "redis", 3.0,
            "hybrid", 2.0);
    private static final byte[] START_BODY = "{\"flow\": \"loop\", \"input\": {}}".getBytes(StandardCharsets.UTF_8);
    private static final Duration MAX_PHASE = Duration.ofSeconds(120);

    private StepCostLoadDriver() {
    }

    /** The parsed arguments. */
    private record Settings(List<String> stores, Duration warmup, int rounds, Duration round, int stepsPerProcess) {
    }

    /** One store's rounds merged, each round's step ratio, and the server's own timers over the rounds. */
    private record StoreResult(String store, StepLatencies all, List<Double> roundRatios, ServerTimers timers,
                               String loadBefore, String loadAfter) {
        double ratio(int request) {
            return all.micros(request, 0.5) / all.micros(HEALTH, 0.5);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings settings = parse(args);
        System.out.printf(Locale.ROOT, "%d cores, JDK %s, load average at start %s; server in its own JVM (-Xmx1g), "
                        + "1 client, warm-up %s, %d rounds of %s, a new process every %d steps%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), LoadAverage.now(), settings.warmup(),
                settings.rounds(), settings.round(), settings.stepsPerProcess());
        List<StoreResult> results = new ArrayList<>();
        boolean needsRedis = settings.stores().contains("redis") || settings.stores().contains("hybrid");
        try (RedisServer redis = needsRedis ? RedisServer.start() : null) {
            for (String store : settings.stores()) {
                results.add(measure(store, redis == null ? null : redis.uri(), settings));
            }
        }
        print(results);
    }

    private static StoreResult measure(String store, @Nullable String redisUri, Settings settings) throws Exception {
        String[] serverArgs = switch (store) {
            case "memory" -> new String[0];
            case "sqlite" -> new String[] {"sqlite"};
            case "redis", "hybrid" -> new String[] {store, Objects.requireNonNull(redisUri)};
            default -> throw new IllegalArgumentException("stores: expected memory, sqlite, redis or hybrid, got '"
                    + store + "'");
        };
        try (ServerProcess server = ServerProcess.start(store, "-Xmx1g", serverArgs);
             SocketSignupClient client = new SocketSignupClient(server.port())) {
            Lane lane = new Lane(client, settings.stepsPerProcess());
            lane.run(settings.warmup(), new StepLatencies(REQUESTS.size()));
            String loadBefore = LoadAverage.now();
            ServerTimers timersBefore = ServerTimers.parse(client.get("/metrics"));
            List<StepLatencies> rounds = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= settings.rounds(); round++) {
                String before = LoadAverage.now();
                StepLatencies recorded = new StepLatencies(REQUESTS.size());
                lane.run(settings.round(), recorded);
                StepLatencies sorted = StepLatencies.merge(List.of(recorded));
                double ratio = sorted.micros(STEP, 0.5) / sorted.micros(HEALTH, 0.5);
                System.out.printf(Locale.ROOT, "%-6s round %d: health p50 %.0f µs, step p50 %.0f µs, ratio %.2f, "
                                + "read p50 %.0f µs, start p50 %.0f µs, %d steps, load %s -> %s%n", store, round,
                        sorted.micros(HEALTH, 0.5), sorted.micros(STEP, 0.5), ratio, sorted.micros(READ, 0.5),
                        sorted.micros(START, 0.5), sorted.count(STEP), before, LoadAverage.now());
                rounds.add(recorded);
                ratios.add(ratio);
            }
            ServerTimers timers = ServerTimers.parse(client.get("/metrics")).since(timersBefore);
            return new StoreResult(store, StepLatencies.merge(rounds), ratios, timers, loadBefore, LoadAverage.now());
        }
    }

    /**
     * One client's loop: a health check, a step and a read, over and over, on one connection. Only the request is
     * timed, not the building of its body.
     */
    private static final class Lane {
        private final SocketSignupClient client;
        private final int stepsPerProcess;
        private SignupCycle.@Nullable Position position;
        private int steps;

        Lane(SocketSignupClient client, int stepsPerProcess) {
            this.client = client;
            this.stepsPerProcess = stepsPerProcess;
        }

        void run(Duration duration, StepLatencies recorder) {
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                SignupCycle.Position at = position;
                if (at == null || steps == stepsPerProcess) {
                    long began = System.nanoTime();
                    at = client.start(START_BODY);
                    recorder.record(START, System.nanoTime() - began);
                    steps = 0;
                }
                byte[] body = ("{\"step\": \"edit\", \"input\": {\"name\": \"Ana " + steps + "\", \"age\": "
                        + (20 + steps % 60) + ", \"newsletter\": " + (steps % 2 == 0) + "}}")
                        .getBytes(StandardCharsets.UTF_8);
                String read = "/process/" + at.processId();
                long began = System.nanoTime();
                client.get("/health/live");
                long healthy = System.nanoTime();
                at = client.submit(at.processId(), at.version(), body);
                long stepped = System.nanoTime();
                client.get(read);
                long readDone = System.nanoTime();
                recorder.record(HEALTH, healthy - began);
                recorder.record(STEP, stepped - healthy);
                recorder.record(READ, readDone - stepped);
                if (!at.status().equals("waiting")) {
                    throw new IllegalStateException("the loop flow stopped waiting: " + at);
                }
                position = at;
                steps++;
            }
        }
    }

    private static void print(List<StoreResult> results) {
        System.out.println();
        System.out.println("| store | steps | `/health/live` p50 / p99 µs | step p50 / p99 µs | step ÷ health (p50) "
                + "| rounds' ratios | target | | read p50 / p99 µs | read ÷ health | start p50 / p99 µs "
                + "| start ÷ health | load before → after |");
        System.out.println("|---|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---|");
        for (StoreResult r : results) {
            double target = TARGETS.getOrDefault(r.store(), Double.NaN);
            List<String> rounds = r.roundRatios().stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList();
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f / %.0f | %.0f / %.0f | **%.2f×** | %s | ≤ %.1f× | %s "
                            + "| %.0f / %.0f | %.2f× | %.0f / %.0f | %.2f× | %s → %s |%n",
                    r.store(), r.all().count(STEP), r.all().micros(HEALTH, 0.5), r.all().micros(HEALTH, 0.99),
                    r.all().micros(STEP, 0.5), r.all().micros(STEP, 0.99), r.ratio(STEP), String.join(", ", rounds),
                    target, r.ratio(STEP) <= target ? "met" : "not met", r.all().micros(READ, 0.5),
                    r.all().micros(READ, 0.99), r.ratio(READ), r.all().micros(START, 0.5),
                    r.all().micros(START, 0.99), r.ratio(START), r.loadBefore(), r.loadAfter());
        }
        System.out.println();
        System.out.println("Means over the same rounds, µs: the client's timings, and the server's own timers (the engine's"
                + " step: store read, flow runner, compare-and-set)");
        System.out.println();
        System.out.println("| store | `/health/live` | step | step − health | engine step | store read | store "
                + "compare-and-set | engine step − store | step − health − engine | store reads per step and read |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (StoreResult r : results) {
            ServerTimers t = r.timers();
            double health = r.all().meanMicros(HEALTH);
            double step = r.all().meanMicros(STEP);
            double reads = (double) t.gets() / (r.all().count(STEP) + r.all().count(READ));
            // a step reads as often as a read does: once in process mode, on a near-cache miss only in hybrid mode
            double storeMicros = (t.gets() == 0 ? 0 : reads * t.getMicros()) + t.compareAndSetMicros();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f |%n",
                    r.store(), health, step, step - health, t.stepMicros(), t.getMicros(), t.compareAndSetMicros(),
                    t.stepMicros() - storeMicros, step - health - t.stepMicros(), reads);
        }
    }

    private static Settings parse(String[] args) {
        Map<String, String> values = KeyValueArgs.parse(args, Map.of("stores", "memory,sqlite,redis,hybrid",
                "warmup", "PT20S", "rounds", "5", "round", "PT4S", "stepsPerProcess", "50"));
        Settings settings = new Settings(List.of(Objects.requireNonNull(values.get("stores")).split(",", -1)),
                Duration.parse(values.get("warmup")), Integer.parseInt(values.get("rounds")),
                Duration.parse(values.get("round")), Integer.parseInt(values.get("stepsPerProcess")));
        if (settings.rounds() < 1 || settings.rounds() > 20 || settings.stepsPerProcess() < 1
                || settings.warmup().compareTo(MAX_PHASE) > 0 || settings.round().compareTo(MAX_PHASE) > 0
                || settings.round().isNegative() || settings.round().isZero()) {
            throw new IllegalArgumentException("rounds must be 1 to 20, stepsPerProcess at least 1, warmup and round"
                    + " at most " + MAX_PHASE + ": " + values);
        }
        return settings;
    }

}
