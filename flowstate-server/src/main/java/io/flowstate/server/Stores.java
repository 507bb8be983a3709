package io.flowstate.server;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.sqlite.SqliteOptions;
import io.flowstate.sqlite.SqliteProcessStore;
import java.time.Clock;

/** Opens the store that {@code store.kind} names. */
final class Stores {
    private Stores() {
    }

    static ProcessStore open(StoreConfig config, Clock clock) {
        return switch (config.kind()) {
            case MEMORY -> new MemoryProcessStore(clock, config.eventLogSize());
            case SQLITE -> new SqliteProcessStore(new SqliteOptions(config.dataDir(),
                    config.durability() == StoreConfig.Durability.STRICT, config.eventLogSize()), clock);
            case REDIS -> RedisProcessStore.connect(RedisStoreOptions.of(config.redisUrl())
                    .withTimeouts(config.redisConnectTimeout(), config.redisCommandTimeout())
                    .withEventLogCapacity(config.eventLogSize()), clock);
        };
    }
}
