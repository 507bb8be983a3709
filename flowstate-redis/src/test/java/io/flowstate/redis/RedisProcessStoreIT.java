package io.flowstate.redis;

import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;
import io.flowstate.testkit.redis.RedisServerExtension;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store contract on a standalone Redis. A "restart" connects a new store instance to the same Redis. */
class RedisProcessStoreIT extends ProcessStoreContract {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        REDIS.server().call("FLUSHALL");
        return reopen(clock, eventLogCapacity).orElseThrow();
    }

    @Override
    protected Optional<ProcessStore> reopen(MutableClock clock, int eventLogCapacity) {
        return Optional.of(RedisProcessStore.connect(
                RedisStoreOptions.of(REDIS.uri()).withEventLogCapacity(eventLogCapacity), clock));
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return ((List<?>) REDIS.server().call("KEYS", "fs:*")).isEmpty();
    }
}
