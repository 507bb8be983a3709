package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.testkit.redis.RedisClusterServer;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisMonitor;
import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Counts what Redis receives per step (a read plus a compare-and-set, as the engine does) with MONITOR,
 * and reports the {@code INFO commandstats} deltas beside it. Budget: 2 client commands per step.
 */
class RoundTripBudgetIT {

    private static final int STEPS = 20;

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void spendsOneCommandOnAStartAndTwoOnEachStepOnStandaloneRedis() {
        try (RedisProcessStore store = RedisProcessStore.connect(RedisStoreOptions.of(REDIS.uri()), clock)) {
            warmUp(store);
            Map<String, Long> before = commandCalls(REDIS.server());
            List<String> commands;
            try (RedisMonitor monitor = RedisMonitor.start(REDIS.server())) {
                // when
                runFlow(store);
                REDIS.server().call("ECHO", "end-of-run");
                monitor.awaitLine("end-of-run", Duration.ofSeconds(5));
                commands = clientCommandsBefore(monitor, "end-of-run");
            }
            Map<String, Long> delta = delta(before, commandCalls(REDIS.server()));
            System.out.printf("standalone: %d client commands for 1 start + %d steps; commandstats delta %s%n",
                    commands.size(), STEPS, delta);

            // then: 1 (create) + 2 per step
            assertThat(commands).hasSize(1 + 2 * STEPS);
            assertThat(delta.get("evalsha")).isEqualTo(1 + STEPS);
        }
    }

    @Test
    void staysWithinTwoCommandsPerStepOnRedisCluster() {
        try (RedisClusterServer cluster = RedisClusterServer.start();
             RedisProcessStore store = RedisProcessStore.connect(RedisStoreOptions.of(cluster.uri()), clock)) {
            warmUp(store);
            List<RedisMonitor> monitors = cluster.nodes().stream().map(RedisMonitor::start).toList();
            int commands = 0;
            try {
                runFlow(store);
                for (int i = 0; i < monitors.size(); i++) {
                    RedisServer node = cluster.nodes().get(i);
                    node.call("ECHO", "end-of-run");
                    monitors.get(i).awaitLine("end-of-run", Duration.ofSeconds(5));
                    commands += clientCommandsBefore(monitors.get(i), "end-of-run").size();
                }
            } finally {
                monitors.forEach(RedisMonitor::close);
            }
            System.out.printf("cluster: %d client commands for 1 start + %d steps%n", commands, STEPS);

            // then: create + index entry, then 2 per step (steps never move the expiry earlier here)
            assertThat(commands).isEqualTo(2 + 2 * STEPS);
        }
    }

    /** One start and {@link #STEPS} steps, each a read then a compare-and-set, as the engine runs them. */
    private void runFlow(RedisProcessStore store) {
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        for (int i = 0; i < STEPS; i++) {
            ProcessInstance current = store.get(process.processId()).orElseThrow();
            ProcessInstance next = Processes.stepped(current, clock, i);
            assertThat(store.compareAndSet(current.version(), next, Processes.stepEvent(next)))
                    .isInstanceOf(CasResult.Committed.class);
        }
    }

    private void warmUp(RedisProcessStore store) {
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        store.get(process.processId());
    }

    private static List<String> clientCommandsBefore(RedisMonitor monitor, String marker) {
        List<String> commands = new ArrayList<>();
        for (String line : monitor.clientCommands()) {
            if (line.contains(marker)) {
                break;
            }
            commands.add(line);
        }
        return commands;
    }

    private static Map<String, Long> commandCalls(RedisServer server) {
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String line : String.valueOf(server.call("INFO", "commandstats")).split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(','));
                calls.put(name, Long.parseLong(count));
            }
        }
        return calls;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new LinkedHashMap<>();
        after.forEach((name, calls) -> {
            long change = calls - before.getOrDefault(name, 0L);
            if (change > 0 && !name.equals("info") && !name.equals("monitor") && !name.equals("echo")) {
                delta.put(name, change);
            }
        });
        return delta;
    }
}
