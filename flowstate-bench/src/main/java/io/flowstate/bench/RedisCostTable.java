package io.flowstate.bench;

import io.flowstate.bench.ClosedLoopLoad.Result;
import io.flowstate.testkit.redis.RedisMonitor;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of {@link RedisScriptCostLoadDriver}: runs a batch of operations against a redis-server and divides
 * Redis's own accounting ({@link RedisInfoSnapshot} before and after) by the number of operations; counts round
 * trips on a first sample under {@code MONITOR}; prints the rows as a Markdown table.
 */
final class RedisCostTable {

    private static final int SAMPLE = 50;

    private final RedisServer redis;
    private final int clients;
    private final List<CostRow> rows = new ArrayList<>();
    private double jvmCpu = Double.NaN;

    RedisCostTable(RedisServer redis, int clients) {
        this.redis = redis;
        this.clients = clients;
    }

    /** One measured operation: Redis's own accounting divided by the number of operations. */
    record CostRow(String name, long operations, double roundTrips, double cpuMicros, double commandMicros,
                   double bytesIn, double bytesOut, double jvmCpuMicros, String commands) {
    }

    /** Runs operation {@code i} of a prepared batch. */
    @FunctionalInterface
    interface Op {
        void run(int i) throws Exception;
    }

    /** Prepares the data of {@code count} operations (not measured) and returns them. */
    @FunctionalInterface
    interface Batch {
        Op prepare(int count) throws Exception;
    }

    /** Counts round trips on a sample under MONITOR, then measures {@code count} operations without it. */
    void row(String name, int count, Batch batch) throws Exception {
        Op sample = batch.prepare(SAMPLE);
        List<String> commands;
        try (RedisMonitor monitor = RedisMonitor.start(redis)) {
            for (int i = 0; i < SAMPLE; i++) {
                sample.run(i);
            }
            redis.call("ECHO", "end-of-sample");
            monitor.awaitLine("end-of-sample", Duration.ofSeconds(10));
            commands = monitor.clientCommands().stream().takeWhile(line -> !line.contains("end-of-sample")).toList();
        }
        Op op = batch.prepare(count);
        RedisInfoSnapshot before = RedisInfoSnapshot.of(redis);
        for (int i = 0; i < count; i++) {
            op.run(i);
        }
        RedisInfoSnapshot after = RedisInfoSnapshot.of(redis);
        add(name, count, commands.size() / (double) SAMPLE, topLevel(commands), before, after);
    }

    /** {@code clients} closed loops for 5 s after 2 s of warm-up; round trips are not counted here. */
    void concurrentRow(String name, List<String> topLevel, ClientFactory factory)
            throws Exception {
        List<ClosedLoopLoad.Operation> loops = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            loops.add(factory.create());
        }
        ClosedLoopLoad.run(name + " warm-up", clients, Duration.ZERO, Duration.ofSeconds(2), loops::get);
        RedisInfoSnapshot before = RedisInfoSnapshot.of(redis);
        long jvmBefore = jvmCpuNanos();
        Result result = ClosedLoopLoad.run(name, clients, Duration.ZERO, Duration.ofSeconds(5), loops::get);
        jvmCpu = (jvmCpuNanos() - jvmBefore) / 1000.0 / result.operations();
        RedisInfoSnapshot after = RedisInfoSnapshot.of(redis);
        add(name + String.format(Locale.ROOT, " (%.0f/s)", result.perSecond()), result.operations(), Double.NaN,
                topLevel, before, after);
    }

    /** CPU time of this JVM (the Flowstate server and the load clients together), all threads. */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Makes one closed-loop client with its own data. */
    @FunctionalInterface
    interface ClientFactory {
        ClosedLoopLoad.Operation create() throws Exception;
    }

    private void add(String name, long count, double roundTrips, List<String> topLevel, RedisInfoSnapshot before,
                     RedisInfoSnapshot after) {
        Map<String, String> perCommand = new TreeMap<>();
        double commandMicros = 0;
        for (String command : after.calls().keySet()) {
            long calls = after.callsSince(before, command);
            if (calls == 0 || command.equals("info")) {
                continue;
            }
            long usec = after.usecSince(before, command);
            perCommand.put(command, String.format(Locale.ROOT, "%s %.2f×%.1f", command, calls / (double) count,
                    usec / (double) calls));
            if (topLevel.contains(command)) {
                commandMicros += usec;
            }
        }
        CostRow row = new CostRow(name, count, roundTrips, (after.mainThreadCpuMicros() - before.mainThreadCpuMicros())
                / count, commandMicros / count, (after.netInputBytes() - before.netInputBytes()) / (double) count,
                (after.netOutputBytes() - before.netOutputBytes()) / (double) count, jvmCpu,
                String.join(", ", perCommand.values()));
        rows.add(row);
        jvmCpu = Double.NaN;
        System.out.printf(Locale.ROOT, "  %-48s %7d ops  %5.2f round trips  %6.1f µs CPU  %6.1f µs in commands%n",
                name, count, roundTrips, row.cpuMicros(), row.commandMicros());
    }

    /** The names of the commands clients sent (lines read {@code 1700000000.1 [0 127.0.0.1:5] "evalsha" …}). */
    private static List<String> topLevel(List<String> monitorLines) {
        List<String> names = new ArrayList<>();
        for (String line : monitorLines) {
            int start = line.indexOf("] \"");
            if (start >= 0) {
                int end = line.indexOf('"', start + 3);
                String name = line.substring(start + 3, end).toLowerCase(Locale.ROOT);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    void print() {
        System.out.println();
        System.out.println("| operation | ops | round trips | Redis main-thread CPU µs | µs in commands"
                + " | bytes in | bytes out | JVM CPU µs (server + clients) | commands per op × µs per call"
                + " (script internals included) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (CostRow r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.1f | %.0f | %.0f | %s | %s |%n", r.name(),
                    r.operations(), Double.isNaN(r.roundTrips()) ? "—" : String.format(Locale.ROOT, "%.2f", r.roundTrips()),
                    r.cpuMicros(), r.commandMicros(), r.bytesIn(), r.bytesOut(),
                    Double.isNaN(r.jvmCpuMicros()) ? "—" : String.format(Locale.ROOT, "%.0f", r.jvmCpuMicros()),
                    r.commands());
        }
    }
}
