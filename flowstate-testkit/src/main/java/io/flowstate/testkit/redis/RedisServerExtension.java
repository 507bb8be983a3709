package io.flowstate.testkit.redis;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a private {@code redis-server} for a test class and stops it afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisServerExtension REDIS = new RedisServerExtension();
 *
 * @Test
 * void storesProcesses() {
 *     try (var store = RedisProcessStore.connect(RedisStoreOptions.of(REDIS.uri()), clock)) { … }
 * }
 * }</pre>
 *
 * Registered on a static field the server lives for the class; on an instance field, for each test. Test
 * methods and constructors may also take a {@link RedisServer} parameter. Without a redis-server
 * executable the tests fail with a message saying how to provide one.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final RedisServerOptions options;
    private @Nullable RedisServer server;
    private boolean perClass;

    /** An in-memory Redis. */
    public RedisServerExtension() {
        this(RedisServerOptions.inMemory());
    }

    public RedisServerExtension(RedisServerOptions options) {
        this.options = options;
    }

    /** The running server; fails when called outside the extension's lifetime. */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("the Redis server runs only while the test class or test runs");
        }
        return server;
    }

    public String uri() {
        return server().uri();
    }

    public int port() {
        return server().port();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = RedisServer.start(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeServer();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisServer current = server;
        if (!perClass || current == null) {
            server = RedisServer.start(options);
        } else if (!current.isRunning()) {
            current.restart(); // a test stopped it (outage test): give the next test a live server
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            closeServer();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server();
    }

    private void closeServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
