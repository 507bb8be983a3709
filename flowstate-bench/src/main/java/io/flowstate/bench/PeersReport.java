package io.flowstate.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The tables {@link PeersLoadDriver} prints (Markdown, for {@code docs/benchmarks.md}): per target the median of
 * its rounds, then the ratio of each Flowstate target's flows/s to each peer's, both from the same run.
 */
final class PeersReport {

    private PeersReport() {
    }

    static String render(List<PeerTargets.Target> targets, Map<String, List<ClosedLoopLoad.Result>> results) {
        StringBuilder out = new StringBuilder();
        out.append("| target | durability | flows/s (median) | min – max | cycle p50 ms | cycle p99 ms |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (PeerTargets.Target target : targets) {
            List<ClosedLoopLoad.Result> rounds = Objects.requireNonNull(results.get(target.name()));
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f – %.1f | %.3f | %.3f |%n", target.name(),
                    target.durability(), median(rounds, ClosedLoopLoad.Result::perSecond),
                    rounds.stream().mapToDouble(ClosedLoopLoad.Result::perSecond).min().orElse(0),
                    rounds.stream().mapToDouble(ClosedLoopLoad.Result::perSecond).max().orElse(0),
                    median(rounds, ClosedLoopLoad.Result::p50Micros) / 1e3,
                    median(rounds, ClosedLoopLoad.Result::p99Micros) / 1e3));
        }
        List<PeerTargets.Target> ours = targets.stream().filter(PeerTargets.Target::isFlowstate).toList();
        List<PeerTargets.Target> peers = targets.stream().filter(t -> !t.isFlowstate()).toList();
        if (ours.isEmpty() || peers.isEmpty()) {
            return out.toString();
        }
        out.append("\nFlowstate flows/s ÷ peer flows/s (medians)\n\n| Flowstate \\ peer |");
        peers.forEach(peer -> out.append(' ').append(peer.name()).append(" |"));
        out.append("\n|---|").append("---|".repeat(peers.size())).append('\n');
        for (PeerTargets.Target target : ours) {
            double flows = median(Objects.requireNonNull(results.get(target.name())), ClosedLoopLoad.Result::perSecond);
            out.append("| ").append(target.name()).append(" |");
            for (PeerTargets.Target peer : peers) {
                double theirs = median(Objects.requireNonNull(results.get(peer.name())),
                        ClosedLoopLoad.Result::perSecond);
                out.append(String.format(Locale.ROOT, " %.1f× |", flows / theirs));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static double median(List<ClosedLoopLoad.Result> rounds, ToDoubleFunction<ClosedLoopLoad.Result> value) {
        double[] sorted = rounds.stream().mapToDouble(value).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
