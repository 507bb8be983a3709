package io.flowstate.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a server's own timers say (its {@code GET /metrics}): the store's reads and compare-and-sets and the engine's
 * steps, as sums and counts, so that the difference of two scrapes gives the mean of each over the requests in
 * between. The engine's step timer runs from the command to the outcome: the store's read, the flow runner (schema
 * check, new state, event) and the compare-and-set.
 */
record ServerTimers(double getSeconds, long gets, double casSeconds, long compareAndSets, double stepSeconds,
                    long steps) {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^(flowstate_store_operation_duration_seconds|"
            + "flowstate_step_duration_seconds)_(sum|count)\\{([^}]*)} (\\S+)$");

    static ServerTimers parse(String prometheusText) {
        double[] sums = new double[3];
        long[] counts = new long[3];
        Matcher sample = SAMPLE.matcher(prometheusText);
        while (sample.find()) {
            int timer;
            if (sample.group(1).startsWith("flowstate_step")) {
                timer = 2;
            } else if (sample.group(3).contains("operation=\"get\"")) {
                timer = 0;
            } else if (sample.group(3).contains("operation=\"compare_and_set\"")) {
                timer = 1;
            } else {
                continue;
            }
            double value = Double.parseDouble(sample.group(4));
            if (sample.group(2).equals("sum")) {
                sums[timer] += value;
            } else {
                counts[timer] += (long) value;
            }
        }
        return new ServerTimers(sums[0], counts[0], sums[1], counts[1], sums[2], counts[2]);
    }

    /** The timings between {@code earlier} and this scrape. */
    ServerTimers since(ServerTimers earlier) {
        return new ServerTimers(getSeconds - earlier.getSeconds, gets - earlier.gets,
                casSeconds - earlier.casSeconds, compareAndSets - earlier.compareAndSets,
                stepSeconds - earlier.stepSeconds, steps - earlier.steps);
    }

    double getMicros() {
        return mean(getSeconds, gets);
    }

    double compareAndSetMicros() {
        return mean(casSeconds, compareAndSets);
    }

    double stepMicros() {
        return mean(stepSeconds, steps);
    }

    private static double mean(double seconds, long count) {
        return count == 0 ? Double.NaN : seconds * 1e6 / count;
    }
}
