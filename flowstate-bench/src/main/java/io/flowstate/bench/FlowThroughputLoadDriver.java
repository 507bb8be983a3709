package io.flowstate.bench;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.core.token.TokenConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import io.flowstate.testkit.redis.RedisServer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Flows per second of the full three-step flow over real HTTP (start, then three form steps, one script step on the
 * way: four requests per flow), side by side in one run: process mode on SQLite (the baseline), process mode on
 * Redis, token mode with the
 * replay guard on SQLite (the default), and token mode without the guard (fully stateless). Each target is its own
 * in-process server on a loopback port (process mode on Redis uses a redis-server this benchmark starts on a free
 * port and stops), driven by the same closed-loop clients; the targets take turns, round after
 * round, so that load from anything else on the machine hits each of them alike. Reported: flows/s per round, the
 * median, and the ratio of each median to the baseline's.
 *
 * <p>Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.FlowThroughputLoadDriver --clients 8 --rounds 5 --warmup 5 --measure 10
 * </pre>
 */
public final class FlowThroughputLoadDriver {

    /** What is measured. */
    enum Target {
        PROCESS_SQLITE(Mode.PROCESS, true, StoreConfig.Kind.SQLITE),
        PROCESS_REDIS(Mode.PROCESS, true, StoreConfig.Kind.REDIS),
        TOKEN_SQLITE_GUARD(Mode.TOKEN, true, StoreConfig.Kind.SQLITE),
        TOKEN_STATELESS(Mode.TOKEN, false, StoreConfig.Kind.SQLITE);

        final Mode mode;
        final boolean replayGuard;
        final StoreConfig.Kind store;

        Target(Mode mode, boolean replayGuard, StoreConfig.Kind store) {
            this.mode = mode;
            this.replayGuard = replayGuard;
            this.store = store;
        }

        /** The server configuration of this target; {@code redisUrl} is the redis-server this benchmark started. */
        FlowstateConfig config(Path flows, Path dataDir, String redisUrl) {
            StoreConfig store = new StoreConfig(this.store, dataDir, StoreConfig.Durability.NORMAL, 1000,
                    Duration.ofSeconds(1), redisUrl);
            TokenConfig token = TokenConfig.DEFAULTS.withKeys(TokenKeys.fromBase64("bench", TokenKeys.newSecret()))
                    .withReplayGuard(replayGuard);
            return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flows, mode, store,
                    ScriptConfig.DEFAULTS, token);
        }
    }

    static final String FLOW = """
            {"id": "wizard", "title": "Three forms and a script", "ttl": "PT30M", "start": "profile",
             "steps": {
               "profile": {"type": "form", "schema": {"type": "object", "required": ["name", "email"],
                 "properties": {"name": {"type": "string", "minLength": 1}, "email": {"type": "string"}}},
                 "next": "score"},
               "score": {"type": "script", "script": "state.score = state.name.length; next = state.score > 3 ? 'long' : 'short';",
                 "next": {"long": "address", "short": "confirm"}},
               "address": {"type": "form", "schema": {"type": "object", "required": ["city"]}, "next": "confirm"},
               "confirm": {"type": "form", "schema": {"type": "object", "required": ["agree"]}, "next": "done"},
               "done": {"type": "end"}}}""";
    static final String START = "{\"flow\": \"wizard\", \"input\": {\"ref\": \"bench\", \"amount\": 120.5}}";
    static final String PROFILE = "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\","
            + " \"email\": \"ada@example.org\", \"phone\": \"+44 20 7946 0000\"}}";
    static final String ADDRESS = "{\"step\": \"address\", \"input\": {\"city\": \"London\", \"street\": \"12 Baker St\","
            + " \"postcode\": \"NW1 6XE\"}}";
    static final String CONFIRM = "{\"step\": \"confirm\", \"input\": {\"agree\": true}}";

    private static final Pattern PROCESS_ID = Pattern.compile("\"processId\":\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"processToken\":\"([A-Za-z0-9_.-]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([a-z]+)\"");

    private FlowThroughputLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> options = options(args);
        int clients = options.getOrDefault("clients", 8);
        int rounds = options.getOrDefault("rounds", 5);
        Duration warmup = Duration.ofSeconds(options.getOrDefault("warmup", 5));
        Duration measure = Duration.ofSeconds(options.getOrDefault("measure", 10));
        Path root = Files.createTempDirectory("flowstate-bench");
        Path flows = Files.createDirectory(root.resolve("flows"));
        Files.writeString(flows.resolve("wizard.json"), FLOW);

        Map<Target, FlowstateServer> servers = new EnumMap<>(Target.class);
        Map<Target, List<Double>> results = new EnumMap<>(Target.class);
        RedisServer redis = RedisServer.start();
        try {
            for (Target target : Target.values()) {
                Path data = Files.createDirectory(root.resolve(target.name().toLowerCase(Locale.ROOT)));
                servers.put(target, FlowstateServer.start(target.config(flows, data, redis.uri())));
                results.put(target, new ArrayList<>());
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (Target target : Target.values()) {
                // Also proves that every target completes the flow before anything is timed.
                run(http, target, Objects.requireNonNull(servers.get(target)).port(), clients, warmup);
            }
            System.out.printf(Locale.ROOT, "clients=%d rounds=%d warmup=%ss measure=%ss, %d available processors%n",
                    clients, rounds, warmup.toSeconds(), measure.toSeconds(), Runtime.getRuntime().availableProcessors());
            for (int round = 1; round <= rounds; round++) {
                List<Target> order = new ArrayList<>(Arrays.asList(Target.values()));
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order);
                }
                for (Target target : order) {
                    int port = Objects.requireNonNull(servers.get(target)).port();
                    run(http, target, port, clients, warmup);
                    double flowsPerSecond = run(http, target, port, clients, measure);
                    Objects.requireNonNull(results.get(target)).add(flowsPerSecond);
                    System.out.printf(Locale.ROOT, "round %d  %-20s %8.1f flows/s%n", round, target, flowsPerSecond);
                }
            }
        } finally {
            servers.values().forEach(FlowstateServer::stop); // before Redis, so no server sees it vanish
            redis.close();
        }
        report(results);
    }

    /** Closed loop: {@code clients} threads each run whole flows back to back for {@code duration}. */
    private static double run(HttpClient http, Target target, int port, int clients, Duration duration)
            throws Exception {
        LongAdder completed = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        String base = "http://127.0.0.1:" + port;
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    while (running.get()) {
                        oneFlow(http, target, base);
                        completed.increment();
                    }
                    return null;
                }));
            }
            Thread.sleep(duration.toMillis());
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return completed.sum() / seconds;
    }

    private static void oneFlow(HttpClient http, Target target, String base) throws IOException, InterruptedException {
        String answer = post(http, base + "/workflow/start", START, null, 201);
        if (target.mode == Mode.TOKEN) {
            for (String step : new String[] {PROFILE, ADDRESS, CONFIRM}) {
                answer = post(http, base + "/workflow/continue", step, "Bearer " + find(TOKEN, answer), 200);
            }
        } else {
            String id = find(PROCESS_ID, answer);
            for (String step : new String[] {PROFILE, ADDRESS, CONFIRM}) {
                answer = post(http, base + "/process/" + id + "/step", step, null, 200);
            }
        }
        if (!"completed".equals(find(STATUS, answer))) {
            throw new IllegalStateException(target + ": the flow did not complete: " + answer);
        }
    }

    private static String post(HttpClient http, String url, String body, @Nullable String authorization,
                               int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String find(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static void report(Map<Target, List<Double>> results) {
        double baseline = median(Objects.requireNonNull(results.get(Target.PROCESS_SQLITE)));
        System.out.println();
        System.out.println("| target | median flows/s | min | max | ratio to process (SQLite) |");
        System.out.println("|---|---|---|---|---|");
        results.forEach((target, values) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f |%n",
                target, median(values), values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(values) / baseline));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, was " + args[i]);
            }
            options.put(args[i].substring(2), Integer.parseInt(args[i + 1]));
        }
        return options;
    }
}
