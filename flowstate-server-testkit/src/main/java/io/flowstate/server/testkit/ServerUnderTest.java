package io.flowstate.server.testkit;

import io.flowstate.server.FlowstateServer;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A real Flowstate server started for a test, in this JVM, on a free loopback port, with small real clients to
 * talk to it: {@link #http()}, {@link #sse} and {@link #ws}. When the setup asks for several instances they share
 * one store, and {@link #instance(int)} gives each; {@link #close()} on any of them stops them all, stops the
 * private Redis and deletes the data directory.
 *
 * <p>{@link #restart()} stops this instance and starts it again on the same store (SQLite's file, the Redis),
 * clock and configuration, on a new port: what a deploy or a crash-free restart does. The memory store starts
 * empty again. Clients made before a restart still point at the old port; take new ones.
 */
public final class ServerUnderTest implements AutoCloseable {

    private final ServerSetup setup;
    private final ServerResources resources;
    private final List<ServerUnderTest> group;
    private @Nullable FlowstateServer server;
    private @Nullable Http http;
    private FlowstateConfig config;

    private ServerUnderTest(ServerSetup setup, ServerResources resources, List<ServerUnderTest> group) {
        this.setup = setup;
        this.resources = resources;
        this.group = group;
        this.config = setup.config(resources.dataDir(), resources.redisUrl());
        run(config);
    }

    /** Starts the servers of {@code setup} and returns the first; see {@link ServerSetup#start()}. */
    static ServerUnderTest start(ServerSetup setup) {
        ServerResources resources = ServerResources.open(setup);
        List<ServerUnderTest> group = new ArrayList<>();
        try {
            for (int i = 0; i < setup.instances(); i++) {
                group.add(new ServerUnderTest(setup, resources, Collections.unmodifiableList(group)));
            }
        } catch (RuntimeException e) {
            try {
                stopAll(group, resources);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return group.getFirst();
    }

    private void run(FlowstateConfig runWith) {
        FlowstateServer started = FlowstateServer.start(runWith, setup.clock(), setup.storeDecorator());
        server = started;
        http = new Http(started.port());
    }

    /** Instance {@code index} (from 0) of the servers started together with this one. */
    public ServerUnderTest instance(int index) {
        if (index < 0 || index >= group.size()) {
            throw new IllegalArgumentException("instance " + index + " does not exist: " + group.size()
                    + " instance(s) were started (ServerSetup.withInstances, @FlowstateServerTest(instances))");
        }
        return group.get(index);
    }

    /** Every instance started together with this one, this one included. */
    public List<ServerUnderTest> instances() {
        return group;
    }

    /** The running server; fails once it is stopped. */
    public FlowstateServer server() {
        FlowstateServer running = server;
        if (running == null) {
            throw new IllegalStateException("the server is stopped");
        }
        return running;
    }

    public int port() {
        return server().port();
    }

    /** {@code http://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** An HTTP client of this instance. */
    public Http http() {
        Http client = http;
        if (client == null || server == null) {
            throw new IllegalStateException("the server is stopped");
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

    /** The configuration this instance runs with: the setup's, with any change of the last restart. */
    public FlowstateConfig config() {
        return config;
    }

    /** The clock of the engine and store. */
    public Clock clock() {
        return setup.clock();
    }

    /** The clock, which the test moves; fails unless the setup runs on a {@link MutableClock}. */
    public MutableClock mutableClock() {
        if (setup.clock() instanceof MutableClock mutable) {
            return mutable;
        }
        throw new IllegalStateException("the server runs on " + setup.clock() + "; ask for a MutableClock with"
                + " @FlowstateServerTest(mutableClock = true) or ServerSetup.withMutableClock()");
    }

    /** The private Redis of a {@link StoreKind#REDIS} setup; stop and restart it to test an outage. */
    public RedisServer redis() {
        RedisServer redis = resources.redis();
        if (redis == null) {
            throw new IllegalStateException("this server runs on " + setup.store() + ", not on Redis");
        }
        return redis;
    }

    /** The data directory (where {@link StoreKind#SQLITE} keeps its file), deleted when the servers stop. */
    public Path dataDir() {
        return resources.dataDir();
    }

    /** Stops this instance and starts it again on the same store, clock and configuration (on a new port). */
    public void restart() {
        restart(UnaryOperator.identity());
    }

    /**
     * Stops this instance and starts it again with {@code change} applied to the setup's configuration, for
     * example other token keys: a rolling change of configuration.
     */
    public void restart(UnaryOperator<FlowstateConfig> change) {
        stop();
        FlowstateConfig changed = change.apply(setup.config(resources.dataDir(), resources.redisUrl()));
        run(changed);
        config = changed;
    }

    /** Stops this instance only (the others and the store keep running); {@link #restart()} brings it back. */
    public void stop() {
        FlowstateServer running = server;
        server = null;
        http = null;
        if (running != null) {
            running.stop();
        }
    }

    /** Stops every instance, stops the private Redis and deletes the data directory. */
    @Override
    public void close() {
        stopAll(group, resources);
    }

    private static void stopAll(List<ServerUnderTest> group, ServerResources resources) {
        RuntimeException failure = null;
        for (ServerUnderTest instance : group) {
            try {
                instance.stop();
            } catch (RuntimeException e) {
                failure = add(failure, e);
            }
        }
        try {
            resources.close();
        } catch (RuntimeException e) {
            failure = add(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException add(@Nullable RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
