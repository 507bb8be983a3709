package io.flowstate.server;

import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.redis.RedisMonitor;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The two-instance event scenarios on a private redis-server: each instance has its own Redis connections
 * and its own pub/sub subscription. Round trips are counted with {@code MONITOR}: client commands (not the
 * commands a Lua script runs inside Redis) that name the process's keys.
 */
@FlowstateServerTest(flows = "src/test/resources/flows", store = StoreKind.REDIS, instances = 2,
        configure = FastEvents.class)
class RedisTwoInstanceEventsIT extends TwoInstanceEventsScenarios {

    private RedisServer redis;
    private RedisMonitor monitor;

    @BeforeEach
    void startMonitor(RedisServer shared) {
        redis = shared;
        monitor = RedisMonitor.start(shared);
    }

    @AfterEach
    void stopMonitor() {
        monitor.close();
    }

    @Override
    long storeRoundTrips(String processId) {
        String marker = "flush-" + UUID.randomUUID();
        redis.call("ECHO", marker);
        monitor.awaitLine(marker, Duration.ofSeconds(5));
        return monitor.clientCommands().stream().filter(line -> line.contains(processId)).count();
    }
}
