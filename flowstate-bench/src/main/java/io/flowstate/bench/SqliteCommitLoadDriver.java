package io.flowstate.bench;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.sqlite.SqliteOptions;
import io.flowstate.sqlite.SqliteProcessStore;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What one SQLite commit costs, without HTTP or the engine: one virtual thread repeats {@code compareAndSet} on a
 * {@link SqliteProcessStore} in a temporary directory (default durability, a new process every 50 steps, as the
 * step-cost driver does), and reports its p50 and p99 and mean, this JVM's CPU time per commit, and what the kernel
 * was asked per commit: write and read system calls and bytes written ({@code /proc/self/io}: a log frame is a
 * 24-byte header and a 4 KiB page, two writes), and context switches. Linux only. Results: docs/benchmarks.md
 * ("SQLite: one server owns the file").
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.SqliteCommitLoadDriver warmup=PT5S measure=PT10S rounds=3
 * </pre>
 */
public final class SqliteCommitLoadDriver {

    private static final int STEPS_PER_PROCESS = 50;
    private static final int FRAME_BYTES = 24 + 4096;

    private final Clock clock = Clock.systemUTC();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SqliteCommitLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = KeyValueArgs.parse(args, Map.of("warmup", "PT5S", "measure", "PT10S",
                "rounds", "3"));
        Duration warmup = Duration.parse(values.get("warmup"));
        Duration measure = Duration.parse(values.get("measure"));
        int rounds = Integer.parseInt(values.get("rounds"));
        System.out.printf("%d cores, JDK %s, load average at start %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), LoadAverage.now());
        SqliteCommitLoadDriver driver = new SqliteCommitLoadDriver();
        Path dir = Files.createTempDirectory("flowstate-commit-bench");
        try (SqliteProcessStore store = new SqliteProcessStore(new SqliteOptions(dir, false, 100), driver.clock)) {
            store.subscribe(event -> { });
            StringBuilder report = new StringBuilder();
            Thread.ofVirtual().start(() -> {
                driver.run(store, warmup);
                for (int round = 1; round <= rounds; round++) {
                    String before = LoadAverage.now();
                    report.append("round ").append(round).append(": ").append(driver.run(store, measure))
                            .append(", load ").append(before).append(" -> ").append(LoadAverage.now()).append('\n');
                }
            }).join();
            System.out.print(report);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Commits for {@code duration}; returns the report of that run. */
    private String run(SqliteProcessStore store, Duration duration) {
        long[] sets = new long[1 << 22];
        int steps = 0;
        long switchesBefore = total(RedisWakeupsLoadDriver.contextSwitches());
        Map<String, Long> ioBefore = io();
        long cpuBefore = os.getProcessCpuTime();
        long end = System.nanoTime() + duration.toNanos();
        ProcessInstance process = BenchProcesses.started(store, clock);
        int commits = 1;
        while (System.nanoTime() < end && steps < sets.length) {
            if (steps > 0 && steps % STEPS_PER_PROCESS == 0) {
                process = BenchProcesses.started(store, clock);
                commits++;
            }
            ProcessInstance next = BenchProcesses.stepped(process, steps, clock);
            long t0 = System.nanoTime();
            CasResult result = store.compareAndSet(process.version(), next, BenchProcesses.steppedEvent(next));
            sets[steps] = System.nanoTime() - t0;
            if (!(result instanceof CasResult.Committed)) {
                throw new IllegalStateException("a lone client's compare-and-set did not commit: " + result);
            }
            process = next;
            steps++;
            commits++;
        }
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1000.0 / commits;
        double switches = (total(RedisWakeupsLoadDriver.contextSwitches()) - switchesBefore) / (double) commits;
        Map<String, Long> ioAfter = io();
        double writes = (ioAfter.getOrDefault("syscw", 0L) - ioBefore.getOrDefault("syscw", 0L)) / (double) commits;
        double reads = (ioAfter.getOrDefault("syscr", 0L) - ioBefore.getOrDefault("syscr", 0L)) / (double) commits;
        double bytes = (ioAfter.getOrDefault("wchar", 0L) - ioBefore.getOrDefault("wchar", 0L)) / (double) commits;
        double mean = Arrays.stream(sets, 0, steps).average().orElse(0) / 1000;
        Arrays.sort(sets, 0, steps);
        return String.format("%d commits, compareAndSet p50 / p99 / mean %d / %d / %.0f µs, JVM CPU per commit %.0f µs,"
                        + " per commit: %.1f write calls, %.1f read calls, %.0f bytes written (%.1f log frames),"
                        + " %.1f context switches", commits, sets[steps / 2] / 1000, sets[steps * 99 / 100] / 1000,
                mean, cpu, writes, reads, bytes, bytes / FRAME_BYTES, switches);
    }

    private static long total(Map<String, Long> switches) {
        return switches.values().stream().mapToLong(Long::longValue).sum();
    }

    /** This process's I/O counters ({@code syscr}, {@code syscw}, {@code wchar}, ...) from {@code /proc/self/io}. */
    private static Map<String, Long> io() {
        try {
            Map<String, Long> counters = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                int colon = line.indexOf(':');
                counters.put(line.substring(0, colon), Long.parseLong(line.substring(colon + 1).trim()));
            }
            return counters;
        } catch (IOException e) {
            throw new UncheckedIOException("I/O counters are read from /proc (Linux only)", e);
        }
    }
}
