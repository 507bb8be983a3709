package io.flowstate.server;

import io.flowstate.core.flow.Mode;
import io.flowstate.server.config.EventsConfig;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Configurations for servers started by the integration tests: loopback, port 0, test flows. */
final class TestServers {
    private TestServers() {
    }

    /** A server of the test flows on a SQLite store in a fresh directory, for {@code @RegisterExtension}. */
    static FlowstateServerExtension.Builder onSqlite() {
        return FlowstateServerExtension.builder().flows(flows()).store(FlowstateServerExtension.Store.SQLITE);
    }

    /** A server of the test flows on the memory store with fast stream settings, for {@code @RegisterExtension}. */
    static FlowstateServerExtension.Builder onMemory() {
        return FlowstateServerExtension.builder().flows(flows()).store(FlowstateServerExtension.Store.MEMORY)
                .configure(config -> config.withEvents(fastEvents()));
    }

    /** The directory of test flows (src/test/resources/flows). */
    static Path flows() {
        try {
            return Path.of(TestServers.class.getResource("/flows").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static FlowstateConfig sqlite(Path dataDir) {
        return config(StoreConfig.Kind.SQLITE, dataDir, ScriptConfig.DEFAULTS);
    }

    static FlowstateConfig memory() {
        try {
            return config(StoreConfig.Kind.MEMORY, Files.createTempDirectory("flowstate-unused"), ScriptConfig.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on the Redis at {@code redisUrl}, sweeping expired processes every {@code sweepInterval}. */
    static FlowstateConfig redis(String redisUrl, Duration sweepInterval) {
        StoreConfig store = new StoreConfig(StoreConfig.Kind.REDIS, Path.of("unused"), StoreConfig.Durability.NORMAL,
                1000, sweepInterval, redisUrl);
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 64 * 1024), flows(), Mode.PROCESS, store,
                ScriptConfig.DEFAULTS);
    }

    /** A memory-store server with these stream settings. */
    static FlowstateConfig memory(EventsConfig events) {
        return memory().withEvents(events);
    }

    /** A memory-store server that keeps only {@code eventLogSize} events per process. */
    static FlowstateConfig memoryWithEventLog(int eventLogSize) {
        FlowstateConfig config = memory();
        StoreConfig store = config.store();
        return new FlowstateConfig(config.server(), config.flowsDir(), config.defaultMode(),
                new StoreConfig(store.kind(), store.dataDir(), store.durability(), eventLogSize, store.sweepInterval(),
                        store.redisUrl()), config.script(), config.events());
    }

    /** Stream settings for tests: short heartbeat and minVersion wait, so waiting tests stay fast. */
    static EventsConfig fastEvents() {
        return new EventsConfig(Duration.ofMillis(300), 256, Duration.ofMillis(500), 1000);
    }

    static FlowstateConfig config(StoreConfig.Kind kind, Path dataDir, ScriptConfig script) {
        StoreConfig store = new StoreConfig(kind, dataDir, StoreConfig.Durability.NORMAL, 1000,
                Duration.ofMillis(200), StoreConfig.DEFAULTS.redisUrl());
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 64 * 1024), flows(), Mode.PROCESS, store, script);
    }
}
