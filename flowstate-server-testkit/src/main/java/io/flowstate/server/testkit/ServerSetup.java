package io.flowstate.server.testkit;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisServerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * How servers under test are started: which flows, which store, how many instances, which clock, and any other
 * setting. Immutable; every {@code with…} returns a changed copy, so one setup can be the base of several.
 * {@link #start()} starts it now (try-with-resources); {@link FlowstateServerExtension} and
 * {@link FlowstateServerTest} start it for a test class.
 *
 * <p>The server listens on 127.0.0.1, port 0 (a free port), sweeps expired processes every 200 ms and keeps 1000
 * events per process; the configuration changes are applied in the order they were added, after those defaults.
 *
 * @param flows          the directory of flow files (native JSON or YAML), relative to the working directory
 * @param store          where processes are kept
 * @param instances      how many servers share the store; more than one needs {@link StoreKind#REDIS}
 * @param clock          the clock of the engine and the store: a {@link MutableClock} tests TTL and expiry
 *                       without sleeping
 * @param redis          how the private {@code redis-server} of {@link StoreKind#REDIS} runs (in memory, or
 *                       durable with an append-only file)
 * @param changes        configuration changes, applied in order
 * @param storeDecorator wraps each instance's store, for example in a counting or fault-injecting decorator
 */
public record ServerSetup(Path flows, StoreKind store, int instances, Clock clock, RedisServerOptions redis,
                          List<UnaryOperator<FlowstateConfig>> changes,
                          UnaryOperator<ProcessStore> storeDecorator) {

    /** Where the clock of {@link FlowstateServerTest#mutableClock} starts: a fixed instant, so runs repeat. */
    public static final Instant CLOCK_START = Instant.parse("2030-01-01T00:00:00Z");

    public ServerSetup {
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(storeDecorator, "storeDecorator");
        changes = List.copyOf(changes);
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1, was " + instances);
        }
        if (instances > 1 && store != StoreKind.REDIS) {
            throw new IllegalArgumentException("instances: " + instances + " servers share a store only on REDIS;"
                    + " with " + store + " each would have its own");
        }
    }

    /** One server of the flows in {@code flows}, on the memory store, with the system clock. */
    public static ServerSetup of(Path flows) {
        return new ServerSetup(flows, StoreKind.MEMORY, 1, Clock.systemUTC(), RedisServerOptions.inMemory(),
                List.of(), UnaryOperator.identity());
    }

    /** One server of the flows in the directory {@code flows} (relative to the working directory). */
    public static ServerSetup of(String flows) {
        return of(Path.of(flows));
    }

    public ServerSetup withStore(StoreKind kind) {
        return new ServerSetup(flows, kind, instances, clock, redis, changes, storeDecorator);
    }

    /** {@code count} servers on one shared store (Redis), each with its own connections, as in production. */
    public ServerSetup withInstances(int count) {
        return new ServerSetup(flows, store, count, clock, redis, changes, storeDecorator);
    }

    public ServerSetup withClock(Clock serverClock) {
        return new ServerSetup(flows, store, instances, serverClock, redis, changes, storeDecorator);
    }

    /** A {@link MutableClock} standing at {@link #CLOCK_START}; the test moves it. */
    public ServerSetup withMutableClock() {
        return withClock(new MutableClock(CLOCK_START));
    }

    /** The private Redis's options, for example {@link RedisServerOptions#durable()} for an outage test. */
    public ServerSetup withRedis(RedisServerOptions options) {
        return new ServerSetup(flows, store, instances, clock, options, changes, storeDecorator);
    }

    /** Any setting: limits, origins, stream timing, token settings. Applied after the changes added before. */
    public ServerSetup withConfig(UnaryOperator<FlowstateConfig> change) {
        List<UnaryOperator<FlowstateConfig>> more = new ArrayList<>(changes);
        more.add(Objects.requireNonNull(change, "change"));
        return new ServerSetup(flows, store, instances, clock, redis, more, storeDecorator);
    }

    /** The mode of flows that name none (the server's {@code mode}). */
    public ServerSetup withMode(Mode mode) {
        return withConfig(config -> config.withDefaultMode(mode));
    }

    /** Changes the {@code [token]} settings, for example {@code token -> token.withReplayGuard(false)}. */
    public ServerSetup withToken(UnaryOperator<TokenConfig> change) {
        return withConfig(config -> config.withToken(change.apply(config.token())));
    }

    /**
     * Token keys, the first sealing: each {@code "kid"} (a fresh random secret) or {@code "kid=base64secret"}
     * (a secret the test knows, to mint tokens or to keep a key across a restart).
     */
    public ServerSetup withTokenKeys(String... keys) {
        TokenKeys parsed = tokenKeys(keys);
        return withToken(token -> token.withKeys(parsed));
    }

    /**
     * How often expired processes are swept (200 ms by default, so expiry tests end quickly); an hour keeps the
     * sweeper out of a test that counts what the store receives.
     */
    public ServerSetup withSweepInterval(Duration interval) {
        return withConfig(config -> {
            StoreConfig s = config.store();
            return config.withStore(new StoreConfig(s.kind(), s.dataDir(), s.durability(), s.eventLogSize(), interval,
                    s.redisUrl(), s.redisConnectTimeout(), s.redisCommandTimeout()));
        });
    }

    /** Wraps the store of each instance (after the previous decorator, if any). */
    public ServerSetup withStoreDecorator(UnaryOperator<ProcessStore> decorator) {
        UnaryOperator<ProcessStore> before = storeDecorator;
        return new ServerSetup(flows, store, instances, clock, redis, changes,
                s -> decorator.apply(before.apply(s)));
    }

    /** Starts the servers now; close the result to stop them and free the store. */
    public ServerUnderTest start() {
        return ServerUnderTest.start(this);
    }

    /** The configuration of an instance over {@code dataDir} and the Redis at {@code redisUrl}, changes applied. */
    FlowstateConfig config(Path dataDir, String redisUrl) {
        StoreConfig stores = new StoreConfig(store.configKind(), dataDir, StoreConfig.Durability.NORMAL, 1000,
                Duration.ofMillis(200), redisUrl);
        FlowstateConfig config = new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 64 * 1024),
                flows.toAbsolutePath(), Mode.PROCESS, stores, ScriptConfig.DEFAULTS);
        for (UnaryOperator<FlowstateConfig> change : changes) {
            config = change.apply(config);
        }
        return config;
    }

    /**
     * Token keys from {@code "kid"} (a fresh random secret) or {@code "kid=base64secret"} entries, the first
     * sealing: for {@code TokenConfig.withKeys} in a {@code restart} or to mint a token in a test.
     */
    public static TokenKeys tokenKeys(String... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("token keys: name at least one kid");
        }
        return TokenKeys.fromBase64(Stream.of(keys).map(key -> {
            int equals = key.indexOf('=');
            return equals < 0 ? Map.entry(key, TokenKeys.newSecret())
                    : Map.entry(key.substring(0, equals), key.substring(equals + 1));
        }).toList());
    }
}
