package io.flowstate.server;

import io.flowstate.core.flow.Flow;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.redis.RedisProcessStore;
import io.flowstate.redis.RedisStoreOptions;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.Secrets;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.server.hybrid.HybridFlows;
import io.flowstate.sqlite.SqliteOptions;
import io.flowstate.sqlite.SqliteProcessStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
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

    /**
     * Which processes the near cache keeps: on SQLite, whose file this instance alone writes, every process
     * (docs/decisions/0007); on the other stores those of hybrid flows (docs/decisions/0003).
     */
    public static Predicate<ProcessInstance> cacheable(FlowstateConfig config, Function<String, Optional<Flow>> flows) {
        return config.store().kind() == StoreConfig.Kind.SQLITE ? process -> true
                : new HybridFlows(flows, config.defaultMode());
    }

    public static ProcessStore open(StoreConfig config, Clock clock) {
        return switch (config.kind()) {
            case MEMORY -> new MemoryProcessStore(clock, config.eventLogSize());
            case SQLITE -> new SqliteProcessStore(sqlite(config), clock);
            case REDIS -> openRedis(config, clock);
        };
    }

    /**
     * Opens the store for a tool that runs beside the servers and reads or writes only settings (the migration
     * switch): on SQLite without taking the file from the server that owns it.
     */
    public static ProcessStore openForSettings(StoreConfig config, Clock clock) {
        return config.kind() == StoreConfig.Kind.SQLITE ? new SqliteProcessStore(sqlite(config).beside(), clock)
                : open(config, clock);
    }

    private static SqliteOptions sqlite(StoreConfig config) {
        return new SqliteOptions(config.dataDir(), config.durability() == StoreConfig.Durability.STRICT,
                config.eventLogSize());
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
