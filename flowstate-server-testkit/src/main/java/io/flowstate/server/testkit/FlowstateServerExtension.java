package io.flowstate.server.testkit;

import io.flowstate.server.FlowstateServer;
import io.flowstate.testkit.redis.RedisServer;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Flowstate servers for a test class, registered on a static field: started before the class's first
 * {@code @BeforeAll} method, stopped after its last test. Use it instead of {@link FlowstateServerTest} when the
 * setup needs code (a store decorator the test keeps a reference to, a secret made at run time) or when one class
 * talks to two differently configured servers: one field each.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
 *         ServerSetup.of("src/test/resources/flows").withStore(StoreKind.SQLITE));
 * }</pre>
 *
 * <p>It resolves no parameters, so several can be registered on one class; reach the servers through the field.
 */
public final class FlowstateServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final ServerSetup setup;
    private @Nullable ServerUnderTest servers; // set by beforeAll, cleared by afterAll

    public FlowstateServerExtension(ServerSetup setup) {
        this.setup = Objects.requireNonNull(setup, "setup");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        servers = setup.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ServerUnderTest running = servers;
        servers = null;
        if (running != null) {
            running.close();
        }
    }

    /** The first instance. */
    public ServerUnderTest instance() {
        ServerUnderTest running = servers;
        if (running == null) {
            throw new IllegalStateException("the servers run only while the test class runs");
        }
        return running;
    }

    /** Instance {@code index}, from 0. */
    public ServerUnderTest instance(int index) {
        return instance().instance(index);
    }

    /** The first instance's running server. */
    public FlowstateServer server() {
        return instance().server();
    }

    public int port() {
        return instance().port();
    }

    /** An HTTP client of the first instance. */
    public Http http() {
        return instance().http();
    }

    /** Opens an event stream on the first instance. */
    public SseClient sse(String path, String... headers) {
        return instance().sse(path, headers);
    }

    /** Opens a WebSocket on the first instance. */
    public WsClient ws(String path, String... headers) {
        return instance().ws(path, headers);
    }

    /** The private Redis of a {@link StoreKind#REDIS} setup. */
    public RedisServer redis() {
        return instance().redis();
    }

    /** The data directory (SQLite's file). */
    public Path dataDir() {
        return instance().dataDir();
    }
}
