package io.flowstate.redis;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import io.flowstate.testkit.redis.RedisClusterExtension;
import io.flowstate.testkit.redis.RedisServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a 3-master Redis Cluster. */
class RedisClusterProcessStoreIT extends ProcessStoreContract {

    @RegisterExtension
    static final RedisClusterExtension CLUSTER = new RedisClusterExtension();

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        CLUSTER.cluster().nodes().forEach(node -> node.call("FLUSHALL"));
        return reopen(clock, eventLogCapacity).orElseThrow();
    }

    @Override
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        return Optional.of(RedisProcessStore.connect(
                RedisStoreOptions.of(CLUSTER.uri()).withEventLogCapacity(eventLogCapacity), clock));
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        for (RedisServer node : CLUSTER.cluster().nodes()) {
            if (!((List<?>) node.call("KEYS", "fs:*")).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
