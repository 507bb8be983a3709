package io.flowstate.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mean server-side latencies between two scrapes of an instance's Prometheus text: each store operation
 * ({@code flowstate_store_operation_duration_seconds}) and the nFlow page requests
 * ({@code flowstate_nflow_request_seconds}, all outcomes), from the differences of their {@code _sum} and
 * {@code _count}. Says where a page request's time went on the server.
 */
final class ServerTimes {

    private static final Pattern LINE = Pattern.compile("^(flowstate_store_operation_duration_seconds"
            + "|flowstate_nflow_request_seconds)_(sum|count)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);
    private static final Pattern LABEL = Pattern.compile("operation=\"([^\"]*)\"");

    private ServerTimes() {
    }

    /** Sum (seconds) and count per store operation, and of the page requests. */
    static Map<String, double[]> read(String scrape) {
        Map<String, double[]> series = new TreeMap<>();
        Matcher line = LINE.matcher(scrape);
        while (line.find()) {
            Matcher label = LABEL.matcher(line.group(3));
            String key = line.group(1).startsWith("flowstate_store") ? "store " + (label.find() ? label.group(1) : "")
                    : "page request";
            double[] sumAndCount = series.computeIfAbsent(key, k -> new double[2]);
            sumAndCount[line.group(2).equals("sum") ? 0 : 1] += Double.parseDouble(line.group(4));
        }
        return series;
    }

    /** "store get 41 µs (n=...), ..." for what changed since {@code before}. */
    static String meansSince(Map<String, double[]> before, String scrape) {
        StringBuilder out = new StringBuilder();
        read(scrape).forEach((key, now) -> {
            double[] then = before.getOrDefault(key, new double[2]);
            double count = now[1] - then[1];
            if (count > 0) {
                out.append(out.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f µs (n=%.0f)", key,
                        (now[0] - then[0]) / count * 1e6, count));
            }
        });
        return out.toString();
    }
}
