package io.flowstate.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Latencies of the three requests of a {@link SignupCycle} (or of any fixed list of request kinds), recorded by one
 * client thread without locking and merged once the run is over. Memory is bounded by the run's duration, which the
 * caller bounds.
 */
final class StepLatencies {

    static final List<String> STEPS = List.of("start", "profile", "address");

    private final long[][] nanos;
    private final int[] counts;

    StepLatencies() {
        this(STEPS.size());
    }

    /** A recorder of {@code kinds} kinds of request, numbered from 0. */
    StepLatencies(int kinds) {
        nanos = new long[kinds][1024];
        counts = new int[kinds];
    }

    void record(int step, long elapsedNanos) {
        if (counts[step] == nanos[step].length) {
            nanos[step] = Arrays.copyOf(nanos[step], nanos[step].length * 2);
        }
        nanos[step][counts[step]++] = elapsedNanos;
    }

    /** All recordings of {@code recorders} together, each step sorted, so percentiles can be read. */
    static StepLatencies merge(List<StepLatencies> recorders) {
        int kinds = recorders.isEmpty() ? STEPS.size() : recorders.get(0).counts.length;
        StepLatencies merged = new StepLatencies(kinds);
        for (int step = 0; step < kinds; step++) {
            int total = 0;
            for (StepLatencies recorder : recorders) {
                total += recorder.counts[step];
            }
            long[] all = new long[total];
            int at = 0;
            for (StepLatencies recorder : recorders) {
                System.arraycopy(recorder.nanos[step], 0, all, at, recorder.counts[step]);
                at += recorder.counts[step];
            }
            Arrays.sort(all);
            merged.nanos[step] = all;
            merged.counts[step] = total;
        }
        return merged;
    }

    int count(int step) {
        return counts[step];
    }

    /** The mean of a step, in microseconds. */
    double meanMicros(int step) {
        long sum = 0;
        for (int i = 0; i < counts[step]; i++) {
            sum += nanos[step][i];
        }
        return counts[step] == 0 ? Double.NaN : sum / 1_000.0 / counts[step];
    }

    /** The nearest-rank {@code quantile} (0 &lt; q ≤ 1) of a merged, sorted step, in microseconds. */
    double micros(int step, double quantile) {
        if (counts[step] == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * counts[step]);
        return nanos[step][Math.max(rank, 1) - 1] / 1_000.0;
    }
}
