package io.flowstate.bench;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.json.Json;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.EventsConfig;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.redis.RedisServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A soak on Redis: a server in this JVM on a private redis-server, processes started at a fixed rate over HTTP
 * (start, one step, and every other one a second step that completes it) with a short TTL and retention so they
 * expire while
 * the run goes on, and SSE subscribers on the newest processes, renewed every half TTL. Every sample interval
 * (a minute by default) it records the heap after a full GC, live threads, open sockets of the JVM, open SSE
 * streams, Redis {@code used_memory} and key count; at the end it prints the table, the drift between the
 * 10th (or, in a shorter run, the middle) sample and the last, the least-squares slope of the heap after GC,
 * and whether the keys went back to the baseline once the last processes expired. It exits 1 on a leak trend:
 * heap slope over {@code bench.maxHeapSlopeMiB} per sample, keys not back to baseline, or more threads at the end
 * than at that sample (beyond 5 %, at least 2). Figures:
 * docs/benchmarks.md ("Soak"). The heap includes the load's own client objects (same JVM).
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx512m \
 *     -Dbench.minutes=60 \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) io.flowstate.bench.SoakLoadDriver
 * </pre>
 * Properties: {@code bench.minutes} (60), {@code bench.sample} (PT1M), {@code bench.rate} processes per second,
 * or {@code half} (the default): half of the saturation measured first on the same server, with
 * {@code bench.saturationClients} (16) closed-loop clients for {@code bench.saturation} (PT20S) after as long a
 * warm-up; {@code bench.subscribers} (50), {@code bench.ttl} (PT30S), {@code bench.maxHeapSlopeMiB} (1.0),
 * {@code bench.maxInFlight} (256 cycles; a start beyond it is skipped and counted).
 */
public final class SoakLoadDriver {

    private final int minutes;
    private final Duration sample;
    /** Processes per second; 0 until measured when the run is at half of saturation. */
    private int rate;
    private final int saturationClients = Integer.getInteger("bench.saturationClients", 16);
    private final Duration saturation = Duration.parse(System.getProperty("bench.saturation", "PT20S"));
    private final int subscribers;
    /** The flow's idle TTL and its retention of completed processes. */
    private final Duration ttl;
    private final double maxHeapSlopeMiB;

    /**
     * The clients' HTTP client runs its work on virtual threads: with its default pool, 50-odd platform threads that
     * come and go with the load made the JVM's thread count, which is meant to show the server's, move by a third
     * between samples.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Queue<String> recent = new ConcurrentLinkedQueue<>();
    private final AtomicInteger recentSize = new AtomicInteger();
    private final AtomicLong started = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    /**
     * Cycles in flight at most: beyond it a start is skipped and counted, so a stall of the shared machine shows as
     * skipped starts instead of an ever-growing pile of waiting clients that takes the run down with it.
     */
    private final Semaphore inFlight = new Semaphore(Integer.getInteger("bench.maxInFlight", 256));
    private final AtomicLong skipped = new AtomicLong();

    /** One row of the table. */
    private record Sample(int index, long heap, int threads, long sockets, int streams, long redisMemory, long keys,
                          long started, long skipped, long failed) {
    }

    /**
     * @param minutes number of samples (minutes with the default sample interval)
     * @param sample  the interval between samples
     */
    SoakLoadDriver(int minutes, Duration sample, int rate, int subscribers, Duration ttl, double maxHeapSlopeMiB) {
        this.minutes = minutes;
        this.sample = sample;
        this.rate = rate;
        this.subscribers = subscribers;
        this.ttl = ttl;
        this.maxHeapSlopeMiB = maxHeapSlopeMiB;
    }

    public static void main(String[] args) throws Exception {
        boolean ok = new SoakLoadDriver(Integer.getInteger("bench.minutes", 60),
                Duration.parse(System.getProperty("bench.sample", "PT1M")), rate(System.getProperty("bench.rate", "half")),
                Integer.getInteger("bench.subscribers", 50), Duration.parse(System.getProperty("bench.ttl", "PT30S")),
                Double.parseDouble(System.getProperty("bench.maxHeapSlopeMiB", "1.0"))).run();
        System.exit(ok ? 0 : 1); // Helidon and Lettuce leave non-daemon threads behind a few seconds
    }

    /** A fixed rate, or 0 for half of the saturation measured before the soak. */
    private static int rate(String value) {
        return value.equals("half") ? 0 : Integer.parseInt(value);
    }

    /**
     * Closed-loop clients run the soak's cycle as fast as they can, first for a warm-up of the same length; the
     * processes per second of the second period.
     */
    private double saturation(URI base) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long warmEnd = System.nanoTime() + saturation.toNanos();
        long end = warmEnd + saturation.toNanos();
        long warm;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < saturationClients; c++) {
                clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        cycle(base, started.incrementAndGet());
                        done.incrementAndGet();
                    }
                });
            }
            Thread.sleep(Duration.ofNanos(warmEnd - System.nanoTime()));
            warm = done.get();
        }
        return (done.get() - warm) / (double) saturation.toSeconds();
    }

    /** Runs the soak and prints its table; false on a leak trend or a failed request. */
    boolean run() throws Exception {
        System.out.printf(Locale.ROOT, "%d cores, JDK %s, load average at start: %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), LoadAverage.now());
        Path flows = Files.createTempDirectory("soak-flows");
        Files.writeString(flows.resolve("soak.json"), """
                { "id": "soak", "ttl": "%s", "retention": "%s", "start": "edit", "steps": {
                    "edit": { "type": "form", "schema": { "type": "object" }, "next": "more" },
                    "more": { "type": "form", "schema": { "type": "object" }, "next": "done" },
                    "done": { "type": "end" } } }
                """.formatted(ttl, ttl));
        List<Sample> samples = new ArrayList<>();
        long baselineKeys;
        long keysAfterExpiry;
        try (RedisServer redis = RedisServer.start();
             FlowstateServer server = FlowstateServer.start(config(flows, redis))) {
            baselineKeys = keys(redis);
            URI base = URI.create("http://127.0.0.1:" + server.port());
            if (rate == 0) {
                double saturated = saturation(base);
                rate = Math.max(1, (int) (saturated / 2));
                System.out.printf(Locale.ROOT, "saturation with %d clients: %.1f processes/s (load average %s);"
                        + " the soak runs at half of it%n", saturationClients, saturated, LoadAverage.now());
                if (failed.get() > 0) {
                    System.out.printf(Locale.ROOT, "%d failed cycles while saturated%n", failed.get());
                    failed.set(0);
                }
                started.set(0);
            }
            System.out.printf(Locale.ROOT, "%d samples of %s, %d processes/s, %d SSE subscribers, TTL %s%n",
                    minutes, sample, rate, subscribers, ttl);
            List<SseReader> readers = new ArrayList<>();
            try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
                long periodNanos = 1_000_000_000L / rate;
                long next = System.nanoTime();
                long sampleNanos = sample.toNanos();
                long nextSample = next + sampleNanos;
                long end = next + sampleNanos * minutes;
                long renewNanos = Math.min(sampleNanos, ttl.toNanos() / 2); // before their processes expire
                long nextRenewal = next + renewNanos;
                while (System.nanoTime() < end) {
                    long n = started.incrementAndGet();
                    if (inFlight.tryAcquire()) {
                        load.submit(() -> {
                            try {
                                cycle(base, n);
                            } finally {
                                inFlight.release();
                            }
                        });
                    } else {
                        skipped.incrementAndGet();
                    }
                    next += periodNanos;
                    long now = System.nanoTime();
                    if (now >= nextSample) {
                        samples.add(sample(samples.size() + 1, server, redis));
                        print(samples.getLast());
                        nextSample += sampleNanos;
                    }
                    if (now >= nextRenewal) {
                        readers.forEach(SseReader::close);
                        readers.clear();
                        readers.addAll(subscribe(server.port()));
                        nextRenewal += renewNanos;
                    }
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(Duration.ofNanos(sleep));
                    }
                }
                samples.add(sample(samples.size() + 1, server, redis));
                print(samples.getLast());
                readers.forEach(SseReader::close);
            }
            Thread.sleep(ttl.plusSeconds(5)); // the last processes expire and the sweeper removes them
            keysAfterExpiry = keys(redis);
        }
        return report(samples, baselineKeys, keysAfterExpiry);
    }

    private void cycle(URI base, long n) {
        try {
            HttpResponse<String> start = post(base.resolve("/workflow/start"), "{\"flow\": \"soak\"}");
            if (start.statusCode() != 201) {
                fail("start", start);
                return;
            }
            String id = Json.parse(start.body()).get("processId").asText();
            remember(id);
            String step = "/process/" + id + "/step";
            HttpResponse<String> first = post(base.resolve(step), "{\"input\": {\"n\": " + n + "}}");
            if (first.statusCode() != 200) {
                fail("first step", first);
                return;
            }
            if (n % 2 == 0) {
                HttpResponse<String> second = post(base.resolve(step), "{\"input\": {\"done\": true}}");
                if (second.statusCode() != 200) {
                    fail("second step", second);
                }
            }
        } catch (IOException | RuntimeException e) {
            fail("cycle", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String request, HttpResponse<String> response) {
        fail(request, response.statusCode() + " " + response.body());
    }

    /** Counts a failed cycle and prints the first few, with what went wrong. */
    private void fail(String request, String what) {
        if (failed.incrementAndGet() <= 20) {
            System.out.printf(Locale.ROOT, "failed %s at %s: %s%n", request, Instant.now(), what);
        }
    }

    private HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void remember(String id) {
        recent.add(id);
        if (recentSize.incrementAndGet() > subscribers * 4) {
            recent.poll();
            recentSize.decrementAndGet();
        }
    }

    private List<SseReader> subscribe(int port) throws IOException {
        List<SseReader> readers = new ArrayList<>();
        for (String id : recent.stream().limit(subscribers).toList()) {
            readers.add(SseReader.open(port, "/process/" + id + "/events", Integer.MAX_VALUE,
                    new ConcurrentLinkedQueue<>()));
        }
        return readers;
    }

    private Sample sample(int index, FlowstateServer server, RedisServer redis) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String memory = String.valueOf(redis.call("INFO", "memory"));
        long used = memory.lines().filter(line -> line.startsWith("used_memory:")).findFirst()
                .map(line -> Long.parseLong(line.substring("used_memory:".length()).trim())).orElse(-1L);
        return new Sample(index, heap, ManagementFactory.getThreadMXBean().getThreadCount(), sockets(),
                server.openStreams(), used, keys(redis), started.get(), skipped.get(), failed.get());
    }

    private static long keys(RedisServer redis) {
        return ((Number) Objects.requireNonNull(redis.call("DBSIZE"))).longValue();
    }

    /** Open sockets of this JVM (client and server ends of the loopback connections, and Redis's). */
    private static long sockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void print(Sample s) {
        System.out.printf(Locale.ROOT, "| %d | %.1f | %d | %d | %d | %.1f | %d | %d | %d | %d |%n", s.index(),
                s.heap() / 1048576.0, s.threads(), s.sockets(), s.streams(), s.redisMemory() / 1048576.0, s.keys(),
                s.started(), s.skipped(), s.failed());
    }

    private boolean report(List<Sample> samples, long baselineKeys, long keysAfterExpiry) {
        System.out.println();
        System.out.println("| sample | heap after GC MiB | threads | sockets | SSE streams | Redis used_memory MiB"
                + " | Redis keys | processes started | starts skipped | failed |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        samples.forEach(SoakLoadDriver::print);
        if (samples.size() < 3) {
            System.out.println("too few samples for a trend");
            return false;
        }
        Sample from = samples.get(Math.min(9, samples.size() / 2));
        Sample last = samples.getLast();
        System.out.printf(Locale.ROOT, "drift from sample %d to %d: heap %+.1f%%, threads %+.1f%%, sockets %+.1f%%,"
                        + " Redis used_memory %+.1f%%, keys %+.1f%%%n", from.index(), last.index(),
                drift(from.heap(), last.heap()), drift(from.threads(), last.threads()),
                drift(from.sockets(), last.sockets()), drift(from.redisMemory(), last.redisMemory()),
                drift(from.keys(), last.keys()));
        double slope = HeapTrend.slopePerSample(samples.subList(1, samples.size()).stream()
                .mapToDouble(s -> s.heap() / 1048576.0).toArray());
        boolean heapOk = slope <= maxHeapSlopeMiB;
        boolean keysOk = keysAfterExpiry <= baselineKeys + 2;
        // the JVM's threads are the server's and a fixed few of the driver's, so they must not grow
        int threadBound = from.threads() + Math.max(2, from.threads() / 20);
        boolean threadsOk = last.threads() <= threadBound;
        System.out.printf(Locale.ROOT, "heap after GC, least-squares slope over samples 2..%d: %+.2f MiB per sample"
                + " (bound %.1f): %s%n", last.index(), slope, maxHeapSlopeMiB, heapOk ? "ok" : "LEAK TREND");
        System.out.printf(Locale.ROOT, "Redis keys: %d before the load, %d once the last processes expired: %s%n",
                baselineKeys, keysAfterExpiry, keysOk ? "ok" : "NOT BACK TO BASELINE");
        System.out.printf(Locale.ROOT, "threads: %d at sample %d, %d at the end (bound %d): %s%n", from.threads(),
                from.index(), last.threads(), threadBound, threadsOk ? "ok" : "GROWING");
        System.out.printf(Locale.ROOT, "load average at end: %s%n", LoadAverage.now());
        return heapOk && keysOk && threadsOk && last.failed() == 0;
    }

    private static double drift(double from, double to) {
        return from == 0 ? 0 : (to - from) * 100 / from;
    }

    private static FlowstateConfig config(Path flows, RedisServer redis) {
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 1 << 20), flows, Mode.PROCESS,
                new StoreConfig(StoreConfig.Kind.REDIS, flows, StoreConfig.Durability.NORMAL, 1000,
                        Duration.ofSeconds(1), redis.uri()), ScriptConfig.DEFAULTS, EventsConfig.DEFAULTS);
    }

}
