package io.flowstate.server;

import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.redis.RedisMonitor;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two-instance event scenarios on a private redis-server: each instance has its own Redis connections
 * and its own pub/sub subscription. Round trips are counted with {@code MONITOR}: client commands (not the
 * commands a Lua script runs inside Redis) that name the process's keys.
 */
class RedisTwoInstanceEventsIT extends TwoInstanceEventsScenarios {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private RedisMonitor monitor;

    @Override
    FlowstateConfig instanceConfig() {
        FlowstateConfig memory = TestServers.memory(TestServers.fastEvents());
        StoreConfig store = memory.store();
        return new FlowstateConfig(memory.server(), memory.flowsDir(), memory.defaultMode(),
                new StoreConfig(StoreConfig.Kind.REDIS, store.dataDir(), store.durability(), store.eventLogSize(),
                        store.sweepInterval(), REDIS.uri()), memory.script(), memory.events());
    }

    @BeforeEach
    void startMonitor() {
        monitor = RedisMonitor.start(REDIS.server());
    }

    @AfterEach
    void stopMonitor() {
        monitor.close();
    }

    @Override
    long storeRoundTrips(String processId) {
        String marker = "flush-" + UUID.randomUUID();
        REDIS.server().call("ECHO", marker);
        monitor.awaitLine(marker, Duration.ofSeconds(5));
        return monitor.clientCommands().stream().filter(line -> line.contains(processId)).count();
    }
}
