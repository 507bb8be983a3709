package io.flowstate.server.testkit;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.ScriptConfig;
import io.flowstate.server.config.ServerConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.redis.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Flowstate server for a test class: started before the class's first test on a free loopback port, over
 * the flows of a directory and the store you choose (memory, SQLite in a temporary directory, or a private
 * {@code redis-server} on a free port), and stopped after the last test. Hands the test small real clients for
 * HTTP ({@link #http()}), Server-Sent Events ({@link #sse}) and WebSocket ({@link #ws}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FlowstateServerExtension SERVER = FlowstateServerExtension.builder()
 *         .flows(Path.of("flows"))
 *         .store(FlowstateServerExtension.Store.SQLITE)
 *         .build();
 * }</pre>
 *
 * <p>Time: the server reads the clock you give ({@link Builder#clock}), for example a {@code MutableClock} from
 * {@code flowstate-testkit}, so TTL and expiry are tested without sleeping; the system clock by default.
 */
public final class FlowstateServerExtension implements BeforeAllCallback, AfterAllCallback {

    /** Where the server keeps processes. */
    public enum Store { MEMORY, SQLITE, REDIS }

    private final Path flows;
    private final Store store;
    private final Clock clock;
    private final UnaryOperator<FlowstateConfig> configure;
    private final UnaryOperator<ProcessStore> decorateStore;

    // set by beforeAll, cleared by afterAll; redis only for Store.REDIS
    private @Nullable Path dataDir;
    private @Nullable RedisServer redis;
    private @Nullable FlowstateServer server;
    private @Nullable Http http;

    private FlowstateServerExtension(Builder builder) {
        this.flows = Objects.requireNonNull(builder.flows, "flows");
        this.store = builder.store;
        this.clock = builder.clock;
        this.configure = builder.configure;
        this.decorateStore = builder.decorateStore;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path dir = Files.createTempDirectory("flowstate-test");
        dataDir = dir;
        if (store == Store.REDIS) {
            redis = RedisServer.start();
        }
        FlowstateServer started = FlowstateServer.start(configure.apply(baseConfig(dir)), clock, decorateStore);
        server = started;
        http = new Http(started.port());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
            deleteRecursively(dataDir);
        }
    }

    /** The running server. */
    public FlowstateServer server() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while the test class runs");
        }
        return server;
    }

    public int port() {
        return server().port();
    }

    /** An HTTP client of the server. */
    public Http http() {
        Http client = http;
        if (client == null) {
            throw new IllegalStateException("the server runs only while the test class runs");
        }
        return client;
    }

    /** Opens an event stream, for example {@code sse("/process/" + id + "/events")}. */
    public SseClient sse(String path, String... headers) {
        return SseClient.open(port(), path, headers);
    }

    /** Opens a WebSocket, for example {@code ws("/process/" + id + "/ws")}. */
    public WsClient ws(String path, String... headers) {
        return WsClient.connect(port(), path, headers);
    }

    /** The private Redis of a {@link Store#REDIS} server. */
    public RedisServer redis() {
        if (redis == null) {
            throw new IllegalStateException("this server does not run on Redis");
        }
        return redis;
    }

    /** The directory of the SQLite store (a fresh temporary directory). */
    public Path dataDir() {
        Path dir = dataDir;
        if (dir == null) {
            throw new IllegalStateException("the data directory exists only while the test class runs");
        }
        return dir;
    }

    private FlowstateConfig baseConfig(Path dataDir) {
        StoreConfig.Kind kind = switch (store) {
            case MEMORY -> StoreConfig.Kind.MEMORY;
            case SQLITE -> StoreConfig.Kind.SQLITE;
            case REDIS -> StoreConfig.Kind.REDIS;
        };
        String redisUrl = redis != null ? redis.uri() : StoreConfig.DEFAULTS.redisUrl();
        StoreConfig stores = new StoreConfig(kind, dataDir, StoreConfig.Durability.NORMAL, 1000,
                Duration.ofMillis(200), redisUrl);
        return new FlowstateConfig(new ServerConfig("127.0.0.1", 0, 64 * 1024), flows, Mode.PROCESS, stores,
                ScriptConfig.DEFAULTS);
    }

    private static void deleteRecursively(@Nullable Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** How the server is started; everything but the flows directory has a default. */
    public static final class Builder {
        private @Nullable Path flows;
        private Store store = Store.MEMORY;
        private Clock clock = Clock.systemUTC();
        private UnaryOperator<FlowstateConfig> configure = UnaryOperator.identity();
        private UnaryOperator<ProcessStore> decorateStore = UnaryOperator.identity();

        private Builder() {
        }

        /** The directory of flow files the server loads (native JSON/YAML). */
        public Builder flows(Path directory) {
            this.flows = directory;
            return this;
        }

        /** The store, memory by default. */
        public Builder store(Store kind) {
            this.store = kind;
            return this;
        }

        /** The clock of the engine and the store, for TTL and expiry tests. */
        public Builder clock(Clock serverClock) {
            this.clock = serverClock;
            return this;
        }

        /** Changes the configuration before the server starts (limits, token keys, modes, stream settings). */
        public Builder configure(UnaryOperator<FlowstateConfig> change) {
            this.configure = change;
            return this;
        }

        /** Wraps the store, for example in a counting or fault-injecting decorator. */
        public Builder decorateStore(UnaryOperator<ProcessStore> decorator) {
            this.decorateStore = decorator;
            return this;
        }

        public FlowstateServerExtension build() {
            return new FlowstateServerExtension(this);
        }
    }
}
