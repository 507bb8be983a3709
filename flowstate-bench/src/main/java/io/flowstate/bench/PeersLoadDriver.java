package io.flowstate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Flowstate side by side with Flowable and Camunda 7 embedded ({@link PeerTargets}): the three-step sign-up flow,
 * {@code clients} platform threads per target in a closed loop, all targets in one JVM taking turns round after
 * round (the order reversed every other round) so that load from anything else on the machine hits each alike.
 * Reported per target: flows/s (median of the rounds, and the range), the per-cycle p50 and p99 (medians of the
 * rounds), and the ratio of each Flowstate target's flows/s to each peer's.
 *
 * <p>Run from the repository root:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * mvn -B -q -pl flowstate-bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DskipTests
 * nice -n 10 $JAVA_HOME/bin/java --enable-native-access=ALL-UNNAMED \
 *     -cp flowstate-bench/target/classes:$(cat flowstate-bench/target/classpath.txt) \
 *     io.flowstate.bench.PeersLoadDriver --clients 8 --rounds 3 --prewarm 30 --warmup 10 --measure 10
 * </pre>
 * {@code --targets flowstate-sqlite,camunda-file-audit} picks targets (default: all); {@code --prewarm 30} first runs
 * each target untimed for that many seconds, so the engines' hot paths are compiled before the first round.
 */
public final class PeersLoadDriver {

    private PeersLoadDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        Duration warmup = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "5")));
        Duration measure = Duration.ofSeconds(Long.parseLong(options.getOrDefault("measure", "10")));
        Duration prewarm = Duration.ofSeconds(Long.parseLong(options.getOrDefault("prewarm", "0")));
        Path dir = Files.createTempDirectory("flowstate-peers");
        Map<String, Supplier<PeerTargets.Target>> catalogue = PeerTargets.catalogue(dir);
        List<String> names = options.containsKey("targets")
                ? Arrays.asList(options.get("targets").split(",")) : new ArrayList<>(catalogue.keySet());
        System.out.printf(Locale.ROOT,
                "clients=%d rounds=%d prewarm=%ss warmup=%ss measure=%ss, %d processors, load %s%n", clients, rounds,
                prewarm.toSeconds(), warmup.toSeconds(), measure.toSeconds(), Runtime.getRuntime().availableProcessors(),
                LoadAverage.now());
        List<PeerTargets.Target> targets = new ArrayList<>();
        Map<String, List<ClosedLoopLoad.Result>> results = new LinkedHashMap<>();
        try {
            for (String name : names) {
                Supplier<PeerTargets.Target> start = catalogue.get(name);
                if (start == null) {
                    throw new IllegalArgumentException("no target " + name + "; known: " + catalogue.keySet());
                }
                PeerTargets.Target target = start.get();
                target.cycle().run(); // fails here, before anything is timed, if a target cannot complete the flow
                targets.add(target);
                results.put(name, new ArrayList<>());
            }
            for (PeerTargets.Target target : prewarm.isZero() ? List.<PeerTargets.Target>of() : targets) {
                // untimed: lets the JIT compile each engine's hot paths before its first round
                ClosedLoopLoad.Result warm = ClosedLoopLoad.run(target.name(), clients, Duration.ZERO, prewarm,
                        i -> target.cycle(), Thread.ofPlatform().factory());
                System.out.printf(Locale.ROOT, "prewarm  %-24s %9.1f flows/s%n", target.name(), warm.perSecond());
            }
            for (int round = 1; round <= rounds; round++) {
                List<PeerTargets.Target> order = new ArrayList<>(targets);
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (PeerTargets.Target target : order) {
                    ClosedLoopLoad.Result result = ClosedLoopLoad.run(target.name(), clients, warmup, measure,
                            i -> target.cycle(), Thread.ofPlatform().name(target.name() + "-", 0).factory());
                    Objects.requireNonNull(results.get(target.name())).add(result);
                    System.out.printf(Locale.ROOT, "round %d  %-24s %9.1f flows/s  p50 %8.3f ms  p99 %8.3f ms  load %s%n",
                            round, target.name(), result.perSecond(), result.p50Micros() / 1e3,
                            result.p99Micros() / 1e3, LoadAverage.now());
                }
            }
        } finally {
            for (PeerTargets.Target target : targets) {
                target.resource().close();
            }
            BenchConfigs.delete(dir);
        }
        System.out.println();
        System.out.print(PeersReport.render(targets, results));
        System.out.println("load after: " + LoadAverage.now());
    }


    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value, was " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
