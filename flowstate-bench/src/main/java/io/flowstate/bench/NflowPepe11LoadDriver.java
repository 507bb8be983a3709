package io.flowstate.bench;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.NflowConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.redis.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nFlow's sample app ({@code ../shared/nflow/app.json}, unmodified) in process mode: the whole {@code /pepe11} walk of
 * NFLOW.md §9 (seven requests: the first page, four form posts through the wrong-code loop and the fork, the last
 * form, the JSON answer) by closed-loop clients, on SQLite and on Redis (a redis-server this driver starts on a free
 * port), each against the same server's {@code GET /health/live} measured in the same round with the same clients.
 * Reported per target and round: flows/s, the p50/p99 of a page request and of {@code /health/live}, their ratio, and
 * the load average before and after.
 *
 * <p>Run from the repository root (the samples are read from {@code ../shared/nflow}):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -o -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.NflowPepe11LoadDriver ../shared/nflow 4 3 5 10
 * </pre>
 * Arguments: samples directory, clients, rounds, warm-up seconds, measured seconds; {@code -Dbench.stores=sqlite}
 * (or {@code redis}) measures one store only; {@code -Dbench.client=jdk} sends with the JDK's HTTP client instead of
 * a plain socket (the figures before 5 December, 20:00 UTC).
 */
public final class NflowPepe11LoadDriver {

    private static final Pattern ACTION = Pattern.compile("<form[^>]*action=\"([^\"]*)\"");
    private static final Pattern PROCESS = Pattern.compile("name=\"nflow_process_id\" value=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("name=\"nflow_next_node_run\" value=\"([^\"]*)\"");
    private static final String[] POSTS = {"nombre=Ana", "tipo=celular&celular=1155550000&mail=", "codigo=9999",
        "tipo=celular&celular=1155550000&mail=", "codigo=1111",
        "cantidad=1000&cuotas=6&interes=100.00&valorCuota=183.33&valorTotal=1100.00"};
    private static final String LAST = "\"valorTotal\":\"1100.00\"}";

    private NflowPepe11LoadDriver() {
    }

    /** One client's connection: a page by {@code GET}, or a form posted; each answers the 200's body. */
    private interface PageClient extends AutoCloseable {
        String get(String path) throws IOException, InterruptedException;

        String post(String path, String fields) throws IOException, InterruptedException;

        @Override
        void close();

        /**
         * {@code -Dbench.client=socket} (the default): HTTP/1.1 spoken over one blocking keep-alive socket, the
         * cheapest client a request can have, as {@code StepCostLoadDriver} measures; {@code jdk}: the JDK's
         * {@link HttpClient}, whose own work (its selector thread and hand-offs) adds to every request.
         */
        static PageClient open(String base, int port) {
            if (System.getProperty("bench.client", "socket").equals("jdk")) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                return new PageClient() {
                    @Override
                    public String get(String path) throws IOException, InterruptedException {
                        return send(http, HttpRequest.newBuilder(URI.create(base + path)).build(), 200);
                    }

                    @Override
                    public String post(String path, String fields) throws IOException, InterruptedException {
                        return send(http, HttpRequest.newBuilder(URI.create(base + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(fields)).build(), 200);
                    }

                    @Override
                    public void close() {
                        http.close();
                    }
                };
            }
            SocketSignupClient socket = new SocketSignupClient(port);
            return new PageClient() {
                @Override
                public String get(String path) {
                    return socket.get(path);
                }

                @Override
                public String post(String path, String fields) {
                    return socket.postForm(path, fields);
                }

                @Override
                public void close() {
                    socket.close();
                }
            };
        }
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : "../shared/nflow").toAbsolutePath().normalize();
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Duration warmup = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 5);
        Duration measure = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 10);
        if (!Files.isRegularFile(samples.resolve("app.json"))) {
            throw new IllegalArgumentException("no nFlow samples at " + samples);
        }
        Path root = Files.createTempDirectory("flowstate-nflow-bench");
        Path flows = Files.createDirectory(root.resolve("flows"));
        Files.copy(samples.resolve("app.json"), flows.resolve("app.json"));
        NflowConfig d = NflowConfig.DEFAULTS;
        NflowConfig nflow = new NflowConfig(samples.resolve("templates"), d.modules(), samples.resolve("accounts.json"),
                d.loginPath(), d.loginTtl(), d.otpMode(), d.otpCode(), "trace");
        System.out.printf(Locale.ROOT, "clients=%d rounds=%d warmup=%ss measure=%ss client=%s, %d processors%n",
                clients, rounds, warmup.toSeconds(), measure.toSeconds(), System.getProperty("bench.client", "socket"),
                Runtime.getRuntime().availableProcessors());
        try (RedisServer redis = RedisServer.start()) {
            for (StoreConfig.Kind kind : stores()) {
                Path data = Files.createDirectory(root.resolve(kind.name().toLowerCase(Locale.ROOT)));
                StoreConfig store = new StoreConfig(kind, data, StoreConfig.Durability.NORMAL, 1000,
                        Duration.ofSeconds(1), redis.uri());
                FlowstateConfig config = new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flows,
                        Mode.PROCESS, store, ScriptConfig.DEFAULTS).withNflow(nflow);
                FlowstateServer server = FlowstateServer.start(config);
                try {
                    String base = "http://127.0.0.1:" + server.port();
                    load(base, server.port(), clients, warmup, true);
                    for (int round = 1; round <= rounds; round++) {
                        String before = LoadAverage.now();
                        Result health = load(base, server.port(), clients, measure, false);
                        Map<String, double[]> timed = ServerTimes.read(server.metrics().scrape());
                        Result pages = load(base, server.port(), clients, measure, true);
                        String serverSide = ServerTimes.meansSince(timed, server.metrics().scrape());
                        System.out.printf(Locale.ROOT, "%-6s round %d  %7.1f flows/s  page p50 %7.0f µs p99 %7.0f µs"
                                        + "  /health/live p50 %6.0f µs p99 %6.0f µs  p50 ratio %.2f  load %s -> %s%n",
                                kind, round, pages.perSecond / POSTS.length, pages.micros(0.5), pages.micros(0.99),
                                health.micros(0.5), health.micros(0.99), pages.micros(0.5) / health.micros(0.5),
                                before, LoadAverage.now());
                        System.out.printf(Locale.ROOT, "%-6s round %d  server-side means: %s%n", kind, round, serverSide);
                    }
                } finally {
                    server.stop();
                }
            }
        }
    }

    /** The stores to measure: {@code -Dbench.stores=sqlite,redis} (the default), or one of them. */
    private static List<StoreConfig.Kind> stores() {
        return Arrays.stream(System.getProperty("bench.stores", "sqlite,redis").split(","))
                .map(name -> StoreConfig.Kind.valueOf(name.strip().toUpperCase(Locale.ROOT))).toList();
    }

    /** What one closed-loop run measured: requests (or walks, for pages: one per page) per second, latencies. */
    private record Result(double perSecond, long[] sortedNanos) {
        double micros(double quantile) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(quantile * sortedNanos.length);
            return sortedNanos[Math.max(rank, 1) - 1] / 1_000.0;
        }
    }

    private static Result load(String base, int port, int clients, Duration duration, boolean pepe11)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> recorded = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        long started = System.nanoTime();
        long units = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Long>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                long[][] nanos = {new long[4096]};
                int[] count = {0};
                futures.add(pool.submit(() -> {
                    long done = 0;
                    try (PageClient client = PageClient.open(base, port)) {
                        while (running.get()) {
                            if (pepe11) {
                                walk(client, nanos, count);
                            } else {
                                long t = System.nanoTime();
                                client.get("/health/live");
                                record(nanos, count, System.nanoTime() - t);
                            }
                            done++;
                        }
                    }
                    synchronized (recorded) {
                        recorded.add(Arrays.copyOf(nanos[0], count[0]));
                        counts.add(count);
                    }
                    return done;
                }));
            }
            Thread.sleep(duration.toMillis());
            running.set(false);
            for (Future<Long> future : futures) {
                units += future.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = recorded.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result((pepe11 ? units * POSTS.length : units) / seconds, all);
    }

    /** One /pepe11 walk; records each request's latency. */
    private static void walk(PageClient client, long[][] nanos, int[] count)
            throws IOException, InterruptedException {
        long t = System.nanoTime();
        String page = client.get("/pepe11");
        record(nanos, count, System.nanoTime() - t);
        for (String fields : POSTS) {
            String body = "nflow_next_node_run=" + find(NEXT, page) + "&nflow_process_id=" + find(PROCESS, page) + "&"
                    + fields;
            String action = find(ACTION, page);
            t = System.nanoTime();
            page = client.post(action, body);
            record(nanos, count, System.nanoTime() - t);
        }
        if (!page.contains(LAST)) {
            throw new IllegalStateException("the walk did not end with the JSON answer: " + page);
        }
    }

    private static void record(long[][] nanos, int[] count, long elapsed) {
        if (count[0] == nanos[0].length) {
            nanos[0] = Arrays.copyOf(nanos[0], nanos[0].length * 2);
        }
        nanos[0][count[0]++] = elapsed;
    }

    private static String send(HttpClient http, HttpRequest request, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static String find(Pattern pattern, String page) {
        Matcher matcher = pattern.matcher(page);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the page: " + page);
        }
        return matcher.group(1);
    }

}
