package io.flowstate.server;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.server.config.Secrets;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.sqlite.SqliteOptions;
import io.flowstate.sqlite.SqliteProcessStore;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the store that {@code store.kind} names. */
public final class Stores {
    private static final Logger LOG = LoggerFactory.getLogger(Stores.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(2);

    private Stores() {
    }

    public static ProcessStore open(StoreConfig config, Clock clock) {
        return switch (config.kind()) {
            case MEMORY -> new MemoryProcessStore(clock, config.eventLogSize());
            case SQLITE -> new SqliteProcessStore(new SqliteOptions(config.dataDir(),
                    config.durability() == StoreConfig.Durability.STRICT, config.eventLogSize()), clock);
            case REDIS -> openRedis(config, clock);
        };
    }

    /**
     * Connects to Redis; when it does not answer, the server still starts, unready, and keeps connecting in
     * the background: under an orchestrator Redis and the server often start together, and a server that
     * exited would only be restarted in a loop. A URL that cannot be parsed still fails the start.
     */
    private static ProcessStore openRedis(StoreConfig config, Clock clock) {
        RedisStoreOptions options = RedisStoreOptions.of(config.redisUrl())
                .withTimeouts(config.redisConnectTimeout(), config.redisCommandTimeout())
                .withEventLogCapacity(config.eventLogSize());
        Supplier<ProcessStore> connect = () -> RedisProcessStore.connect(options, clock);
        try {
            return connect.get();
        } catch (StoreUnavailableException e) {
            String redis = "Redis at " + Secrets.redactUrl(config.redisUrl()) + " (store.redisUrl)";
            LOG.warn("{} does not answer: {}. Starting unready (/health/ready answers 503, requests 503"
                    + " store_unavailable) and connecting in the background", redis, e.getMessage());
            return new DeferredProcessStore(connect, redis, e.getMessage(), FIRST_RETRY, MAX_RETRY);
        }
    }
}
