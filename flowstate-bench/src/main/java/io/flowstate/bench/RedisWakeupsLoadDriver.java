package io.flowstate.bench;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.testkit.redis.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a process-mode step's two store calls cost the JVM, without HTTP: one virtual thread repeats
 * {@code get} and {@code compareAndSet} of a {@link RedisProcessStore} against a private redis-server on loopback
 * (a new process every 50 steps, one subscriber on the event channel as a server has), and reports the p50 and p99 of
 * each call, this JVM's CPU time per step, and its context switches per step (from {@code /proc/self/task}, Linux
 * only), in all and by thread. Context switches are the thread wake-ups a step causes; unlike latency they hardly move
 * with the load of a shared machine. Results: docs/benchmarks.md ("Step cost", "Thread wake-ups per Redis call").
 *
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.RedisWakeupsLoadDriver warmup=PT5S measure=PT10S
 * </pre>
 */
public final class RedisWakeupsLoadDriver {

    private static final int STEPS_PER_PROCESS = 50;

    private final Clock clock = Clock.systemUTC();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private RedisWakeupsLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = KeyValueArgs.parse(args, Map.of("warmup", "PT5S", "measure", "PT10S"));
        Duration warmup = Duration.parse(values.get("warmup"));
        Duration measure = Duration.parse(values.get("measure"));
        System.out.printf("%d cores, JDK %s, load average at start %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), LoadAverage.now());
        RedisWakeupsLoadDriver driver = new RedisWakeupsLoadDriver();
        try (RedisServer redis = RedisServer.start();
             RedisProcessStore store = RedisProcessStore.connect(RedisStoreOptions.of(redis.uri()), driver.clock)) {
            store.subscribe(event -> { });
            String[] report = new String[1];
            Thread.ofVirtual().start(() -> {
                driver.run(store, warmup);
                String before = LoadAverage.now();
                report[0] = driver.run(store, measure) + "load " + before + " -> " + LoadAverage.now();
            }).join();
            System.out.println(report[0]);
        }
    }

    /** Steps for {@code duration}; returns the report of that run. */
    private String run(RedisProcessStore store, Duration duration) {
        long[] gets = new long[1 << 22];
        long[] sets = new long[1 << 22];
        int steps = 0;
        Map<String, Long> switchesBefore = contextSwitches();
        long cpuBefore = os.getProcessCpuTime();
        long end = System.nanoTime() + duration.toNanos();
        ProcessInstance process = BenchProcesses.started(store, clock);
        while (System.nanoTime() < end && steps < gets.length) {
            if (steps > 0 && steps % STEPS_PER_PROCESS == 0) {
                process = BenchProcesses.started(store, clock);
            }
            long t0 = System.nanoTime();
            ProcessInstance read = store.get(process.processId()).orElseThrow();
            long t1 = System.nanoTime();
            ProcessInstance next = BenchProcesses.stepped(read, steps, clock);
            long t2 = System.nanoTime();
            CasResult result = store.compareAndSet(read.version(), next, BenchProcesses.steppedEvent(next));
            long t3 = System.nanoTime();
            if (!(result instanceof CasResult.Committed)) {
                throw new IllegalStateException("a lone client's compare-and-set did not commit: " + result);
            }
            process = next;
            gets[steps] = t1 - t0;
            sets[steps] = t3 - t2;
            steps++;
        }
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1000.0 / steps;
        Map<String, Long> switchesAfter = contextSwitches();
        StringBuilder report = new StringBuilder();
        long total = 0;
        StringBuilder threads = new StringBuilder();
        for (Map.Entry<String, Long> thread : switchesAfter.entrySet()) {
            long delta = thread.getValue() - switchesBefore.getOrDefault(thread.getKey(), 0L);
            total += delta;
            if (delta * 20 > steps) { // the threads that switch at least once in 20 steps
                threads.append(String.format("  %-16s %.2f per step%n",
                        thread.getKey().substring(0, thread.getKey().indexOf('#')), delta / (double) steps));
            }
        }
        Arrays.sort(gets, 0, steps);
        Arrays.sort(sets, 0, steps);
        report.append(String.format("steps %d, get p50 / p99 %d / %d µs, compareAndSet p50 / p99 %d / %d µs, "
                        + "JVM CPU per step %.0f µs, context switches per step %.2f%n", steps,
                gets[steps / 2] / 1000, gets[steps * 99 / 100] / 1000, sets[steps / 2] / 1000,
                sets[steps * 99 / 100] / 1000, cpu, total / (double) steps)).append(threads);
        return report.toString();
    }

    /** Voluntary plus involuntary context switches of each live thread of this JVM, by "name#tid". */
    static Map<String, Long> contextSwitches() {
        Map<String, Long> switches = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    long sum = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                            sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    switches.put(Files.readString(task.resolve("comm")).trim() + "#" + task.getFileName(), sum);
                } catch (IOException threadEnded) {
                    // the thread ended while being read: its switches are not counted
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("context switches are read from /proc (Linux only)", e);
        }
        return switches;
    }
}
