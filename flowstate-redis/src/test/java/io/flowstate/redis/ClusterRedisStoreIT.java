package io.flowstate.redis;

import io.flowstate.testkit.redis.RedisClusterExtension;
import io.flowstate.testkit.redis.RedisServer;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClusterRedisStoreIT extends RedisStoreScenarios {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Override
    protected String uri() {
        return CLUSTER.uri();
    }

    @Override
    protected List<RedisServer> servers() {
        return CLUSTER.cluster().nodes();
    }
}
