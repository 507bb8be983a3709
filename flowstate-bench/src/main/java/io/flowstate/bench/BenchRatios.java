package io.flowstate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Computes the ratios {@code docs/benchmarks.md} reports from one JMH JSON result file, so every ratio comes
 * from figures of the same run and nobody divides by hand. Each ratio a/b of means is printed with the interval
 * [(a−ea)/(b+eb), (a+ea)/(b−eb)] spanned by the two 99.9% error bars
 * (lower end clamped at 0, upper end "unbounded" when the divisor's error bar reaches 0), then the ratio of
 * medians: on a shared machine a neighbour's burst inflates a mean far more than a median. Benchmarks in
 * {@code avgt} mode have no median; their mean stands in for it.
 *
 * <p>{@code run.sh} calls it after the JMH suite; by hand, from the repository root:
 * <pre>
 * $JAVA_HOME/bin/java -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.BenchRatios flowstate-bench/target/jmh.json flowstate-bench/target/ratios.txt
 * </pre>
 */
public final class BenchRatios {

    /**
     * @param value  the mean (JMH's score)
     * @param error  its 99.9% error
     * @param median the median of the sampled operations ({@code sample} mode); the mean in {@code avgt} mode,
     *               which samples no single operations
     */
    private record Score(double value, double error, double median) {
    }

    private final Map<String, Score> scores = new HashMap<>();
    private final List<String> lines = new ArrayList<>();

    private BenchRatios(JsonNode results) {
        for (JsonNode result : results) {
            String name = result.path("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            List<String> params = new ArrayList<>();
            for (String param : List.of("store", "client")) {
                if (result.path("params").has(param)) {
                    params.add(result.path("params").path(param).asText());
                }
            }
            JsonNode metric = result.path("primaryMetric");
            double error = metric.path("scoreError").asDouble(Double.NaN);
            double mean = metric.path("score").asDouble();
            double median = "sample".equals(result.path("mode").asText())
                    ? metric.path("scorePercentiles").path("50.0").asDouble(mean) : mean;
            scores.put(params.isEmpty() ? name : name + "[" + String.join(",", params) + "]",
                    new Score(mean, Double.isNaN(error) ? 0 : error, median));
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BenchRatios <jmh.json> <ratios.txt>");
        }
        BenchRatios ratios = new BenchRatios(Json.parse(Files.readAllBytes(Path.of(args[0]))));
        String text = ratios.report();
        System.out.print(text);
        Files.writeString(Path.of(args[1]), text);
    }

    private String report() {
        String http = "FlowRoundTripBenchmark.httpCycle";
        String engine = "EngineRoundTripBenchmark.inProcessCycle";
        String script = "ScriptStepBenchmark.graalTrivialStep";
        List<String> stores = List.of("memory", "sqlite");
        List<String> clients = List.of("socket", "jdk");
        section("HTTP cycle / in-process cycle");
        for (String store : stores) {
            for (String client : clients) {
                ratio(client + " client, " + store, at(http, store, client), at(engine, store));
            }
        }
        section("sqlite / memory, per layer");
        ratio("in-process cycle", at(engine, "sqlite"), at(engine, "memory"));
        for (String client : clients) {
            ratio("HTTP cycle, " + client + " client", at(http, "sqlite", client), at(http, "memory", client));
        }
        section("per request of the cycle (3 requests, 3 commits), in us");
        for (String store : stores) {
            difference("server HTTP layer (socket cycle - in-process cycle) / 3, " + store,
                    at(http, store, "socket"), at(engine, store));
            difference("JDK client over bare socket (jdk cycle - socket cycle) / 3, " + store,
                    at(http, store, "jdk"), at(http, store, "socket"));
        }
        difference("SQLite over memory, in-process (sqlite - memory) / 3", at(engine, "sqlite"), at(engine, "memory"));
        section("script share (one trivial script step per cycle)");
        for (String store : stores) {
            ratio("trivial script step / in-process cycle, " + store, scores.get(script), at(engine, store));
            for (String client : clients) {
                ratio("trivial script step / HTTP cycle, " + client + " client, " + store, scores.get(script),
                        at(http, store, client));
            }
        }
        ratio("trivial script step / empty script step", scores.get(script),
                scores.get("ScriptStepBenchmark.graalEmptyStep"));
        ratio("trivial script step / plain Java step", scores.get(script),
                scores.get("ScriptStepBenchmark.plainJavaStep"));
        return String.join("\n", lines) + "\n";
    }

    private void section(String title) {
        lines.add((lines.isEmpty() ? "" : "\n") + "# " + title);
    }

    private @Nullable Score at(String benchmark, String store) {
        return scores.get(benchmark + "[" + store + "]");
    }

    private @Nullable Score at(String benchmark, String store, String client) {
        return scores.get(benchmark + "[" + store + "," + client + "]");
    }

    private void ratio(String name, @Nullable Score a, @Nullable Score b) {
        if (a == null || b == null) {
            lines.add(name + ": not measured in this run");
            return;
        }
        double low = Math.max(0, (a.value() - a.error()) / (b.value() + b.error()));
        String high = b.value() > b.error()
                ? String.format(Locale.ROOT, "%.3f", (a.value() + a.error()) / (b.value() - b.error()))
                : "unbounded"; // the divisor's error bar reaches zero
        lines.add(String.format(Locale.ROOT, "%s = %.3f  [%.3f .. %s]  median ratio %.3f", name,
                a.value() / b.value(), low, high, a.median() / b.median()));
    }

    private void difference(String name, @Nullable Score a, @Nullable Score b) {
        int per = 3;
        if (a == null || b == null) {
            lines.add(name + ": not measured in this run");
            return;
        }
        lines.add(String.format(Locale.ROOT, "%s = %.1f  (± %.1f)  from medians %.1f", name,
                (a.value() - b.value()) / per, (a.error() + b.error()) / per, (a.median() - b.median()) / per));
    }
}
