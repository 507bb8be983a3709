package io.flowstate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * Flows per second of the 3-step {@link SignupCycle} straight through the {@link io.flowstate.core.engine.ProcessEngine}
 * (no HTTP), on each store with 1 and with N platform threads: does the store let throughput grow with threads?
 * Every (store, threads) pair is warmed up once, then the pairs take turns round after round, so a neighbour's
 * load on a shared machine falls on all of them alike. Reported per pair: flows/s of each round, their median,
 * p50/p99 of one cycle over all rounds, and the ratio of the N-thread median to the 1-thread median per store.
 *
 * <p>Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.EngineThroughputLoadDriver threads=1,8 rounds=5 warmup=PT5S duration=PT5S \
 *     stores=memory,sqlite durability=normal
 * </pre>
 * Every argument is optional (the values above are the defaults); {@code durability=strict} runs SQLite with
 * {@code synchronous=FULL}.
 */
public final class EngineThroughputLoadDriver {

    private record Settings(List<Integer> threads, int rounds, Duration warmup, Duration duration,
                            List<String> stores, String durability) {
    }

    /** One measured stretch: cycles done and the latency of each, in nanoseconds. */
    private record Round(long cycles, double seconds, long[] latencies) {
        double perSecond() {
            return cycles / seconds;
        }
    }

    private EngineThroughputLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = parse(args);
        Map<String, Path> dataDirs = new LinkedHashMap<>();
        Map<String, InProcessFlowstate> engines = new LinkedHashMap<>();
        try {
            for (String store : settings.stores()) {
                dataDirs.put(store, BenchConfigs.tempDataDir());
                engines.put(store, new InProcessFlowstate(BenchConfigs.config(store, dataDirs.get(store),
                        settings.durability())));
            }
            for (String store : settings.stores()) {
                // one thread first: a cold script engine under many threads can hit the script time limit
                run(Objects.requireNonNull(engines.get(store)), 1, settings.warmup());
                for (int threads : settings.threads()) {
                    if (threads > 1) {
                        run(Objects.requireNonNull(engines.get(store)), threads, settings.warmup());
                    }
                }
            }
            Map<String, List<Round>> rounds = new LinkedHashMap<>();
            for (int round = 0; round < settings.rounds(); round++) {
                for (String store : settings.stores()) {
                    for (int threads : settings.threads()) {
                        Round measured = run(Objects.requireNonNull(engines.get(store)), threads,
                                settings.duration());
                        rounds.computeIfAbsent(store + " " + threads, key -> new ArrayList<>()).add(measured);
                    }
                }
            }
            System.out.print(report(settings, rounds));
        } finally {
            engines.values().forEach(InProcessFlowstate::close);
            dataDirs.values().forEach(BenchConfigs::delete);
        }
    }

    /** {@code threads} platform threads cycling until {@code duration} is over; rethrows the first failure. */
    private static Round run(InProcessFlowstate flowstate, int threads, Duration duration) throws Exception {
        EngineSignupClient client = new EngineSignupClient(flowstate.engine());
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<long[]>> futures = new ArrayList<>();
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    try {
                        while (!failed.get()) {
                            long before = System.nanoTime();
                            if (before >= deadline) {
                                break;
                            }
                            SignupCycle.run(client);
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = System.nanoTime() - before;
                        }
                    } catch (RuntimeException e) {
                        failed.set(true); // a run with errors is no result
                        throw e;
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long[] all = new long[0];
        for (Future<long[]> future : futures) {
            long[] mine;
            try {
                mine = future.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a thread failed", e.getCause());
            }
            int offset = all.length;
            all = Arrays.copyOf(all, offset + mine.length);
            System.arraycopy(mine, 0, all, offset, mine.length);
        }
        return new Round(all.length, seconds, all);
    }

    private static String report(Settings settings, Map<String, List<Round>> rounds) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "EngineThroughputLoadDriver: threads %s, %d rounds of %s after %s warm-up each, sqlite durability %s%n",
                settings.threads(), settings.rounds(), settings.duration(), settings.warmup(), settings.durability()));
        out.append(String.format(Locale.ROOT, "%-10s %8s %10s %10s %10s  %s%n",
                "store", "threads", "median/s", "p50 us", "p99 us", "flows/s per round"));
        Map<String, Double> medians = new LinkedHashMap<>();
        rounds.forEach((key, list) -> {
            double[] perSecond = list.stream().mapToDouble(Round::perSecond).sorted().toArray();
            double median = perSecond[perSecond.length / 2];
            medians.put(key, median);
            long[] latencies = list.stream().flatMapToLong(r -> Arrays.stream(r.latencies())).sorted().toArray();
            String[] parts = key.split(" ", -1);
            out.append(String.format(Locale.ROOT, "%-10s %8s %10.1f %10.1f %10.1f  %s%n", parts[0], parts[1], median,
                    percentile(latencies, 0.5), percentile(latencies, 0.99),
                    list.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.perSecond())).toList()));
        });
        int one = settings.threads().getFirst();
        int many = settings.threads().getLast();
        for (String store : settings.stores()) {
            Double base = medians.get(store + " " + one);
            Double top = medians.get(store + " " + many);
            if (base != null && top != null && one != many) {
                out.append(String.format(Locale.ROOT, "%s: %d threads / %d thread = %.2f%n", store, many, one,
                        top / base));
            }
        }
        return out.toString();
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e3;
    }

    private static Settings parse(String[] args) {
        Map<String, String> values = KeyValueArgs.parse(args, Map.of("threads", "1,8", "rounds", "5", "warmup", "PT5S",
                "duration", "PT5S", "stores", "memory,sqlite", "durability", "normal"));
        List<Integer> threads = Arrays.stream(value(values, "threads").split(",", -1)).map(Integer::parseInt).toList();
        int rounds = Integer.parseInt(value(values, "rounds"));
        if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1 || t > 64) || rounds < 1 || rounds > 20) {
            throw new IllegalArgumentException("threads must be 1 to 64 each, rounds 1 to 20");
        }
        return new Settings(threads, rounds, Duration.parse(value(values, "warmup")),
                Duration.parse(value(values, "duration")),
                List.of(value(values, "stores").split(",", -1)), value(values, "durability"));
    }

    private static String value(Map<String, String> values, String key) {
        return Objects.requireNonNull(values.get(key), key);
    }
}
