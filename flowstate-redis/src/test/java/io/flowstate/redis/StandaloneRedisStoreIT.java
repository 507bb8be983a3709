package io.flowstate.redis;

import io.flowstate.testkit.redis.RedisServer;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class StandaloneRedisStoreIT extends RedisStoreScenarios {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected String uri() {
        return REDIS.uri();
    }

    @Override
    protected List<RedisServer> servers() {
        return List.of(REDIS.server());
    }
}
