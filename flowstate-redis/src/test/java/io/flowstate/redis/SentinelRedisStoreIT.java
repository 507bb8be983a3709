package io.flowstate.redis;

import io.flowstate.testkit.redis.RedisSentinelServer;
import io.flowstate.testkit.redis.RedisServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The same scenarios with the store finding its primary through Sentinel. */
class SentinelRedisStoreIT extends RedisStoreScenarios {

    private static RedisSentinelServer sentinel;

    @BeforeAll
    static void startSentinel() {
        sentinel = RedisSentinelServer.start();
    }

    @AfterAll
    static void stopSentinel() {
        sentinel.close();
    }

    @Override
    protected String uri() {
        return sentinel.uri();
    }

    @Override
    protected List<RedisServer> servers() {
        return List.of(sentinel.primary());
    }
}
