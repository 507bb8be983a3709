package io.flowstate.server.hybrid;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The near cache over a real Redis, caching every process: the contract holds for the decorator as it does for
 * the store. A "restart" is a new cache over a new connection to the same Redis.
 */
class NearCacheOnRedisStoreIT extends ProcessStoreContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        REDIS.server().call("FLUSHALL");
        return reopen(clock, eventLogCapacity).orElseThrow();
    }

    @Override
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        ProcessStore redis = RedisProcessStore.connect(
                RedisStoreOptions.of(REDIS.uri()).withEventLogCapacity(eventLogCapacity), clock);
        return Optional.of(new NearCacheProcessStore(redis, process -> true, 1_000, clock));
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return ((List<?>) REDIS.server().call("KEYS", "fs:*")).isEmpty();
    }
}
