package io.flowstate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;

/**
 * A closed-loop load: {@code clients} virtual threads each run one operation after another, first for a warm-up
 * and then for a measured period; every measured call's latency is kept, so the result has exact percentiles.
 * With one client it measures latency; with many, where the clients saturate the machine, throughput (and by
 * Little's law the mean latency is then {@code clients / throughput}).
 */
final class ClosedLoopLoad {

    /** One client's operation; created per client so each can hold its own process. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    /** What a measured period gave. */
    record Result(String name, int clients, long operations, double seconds, double meanMicros, double p50Micros,
                  double p99Micros) {
        double perSecond() {
            return operations / seconds;
        }
    }

    private ClosedLoopLoad() {
    }

    static Result run(String name, int clients, Duration warmup, Duration measure, IntFunction<Operation> perClient)
            throws Exception {
        return run(name, clients, warmup, measure, perClient, Thread.ofVirtual().factory());
    }

    /** As {@link #run(String, int, Duration, Duration, IntFunction)}, each client on a thread of {@code threads}. */
    static Result run(String name, int clients, Duration warmup, Duration measure, IntFunction<Operation> perClient,
                      ThreadFactory threads) throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            operations.add(perClient.apply(i));
        }
        CountDownLatch ready = new CountDownLatch(clients);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        List<Future<long[]>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(threads)) {
            for (Operation operation : operations) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    long[] latencies = new long[1024];
                    int count = 0;
                    while (true) {
                        long before = System.nanoTime();
                        if (before >= end) {
                            break;
                        }
                        operation.run();
                        long after = System.nanoTime();
                        if (before >= measureFrom) { // only calls that started in the measured period count
                            if (count == latencies.length) {
                                latencies = Arrays.copyOf(latencies, count * 2);
                            }
                            latencies[count++] = after - before;
                        }
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
        }
        long[] all = new long[0];
        for (Future<long[]> future : futures) {
            long[] mine = future.get();
            int offset = all.length;
            all = Arrays.copyOf(all, offset + mine.length);
            System.arraycopy(mine, 0, all, offset, mine.length);
        }
        Arrays.sort(all);
        double sum = 0;
        for (long latency : all) {
            sum += latency;
        }
        // throughput: the calls that started in the measured period, over its length
        double seconds = measure.toNanos() / 1e9;
        return new Result(name, clients, all.length, seconds, all.length == 0 ? 0 : sum / all.length / 1e3,
                percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e3;
    }
}
