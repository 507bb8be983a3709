package io.flowstate.server.testkit;

import io.flowstate.server.config.StoreConfig;
import io.flowstate.testkit.redis.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What the instances of one setup share and what outlives a restart: the data directory (SQLite's file) and the
 * private {@code redis-server}. Closing stops Redis by its pid and deletes the directory.
 */
final class ServerResources implements AutoCloseable {

    private final Path dataDir;
    private final @Nullable RedisServer redis;

    private ServerResources(Path dataDir, @Nullable RedisServer redis) {
        this.dataDir = dataDir;
        this.redis = redis;
    }

    static ServerResources open(ServerSetup setup) {
        Path dir;
        try {
            dir = Files.createTempDirectory("flowstate-test");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory of a test server", e);
        }
        try {
            return new ServerResources(dir, setup.store() == StoreKind.REDIS ? RedisServer.start(setup.redis()) : null);
        } catch (RuntimeException e) {
            deleteQuietly(dir, e);
            throw e;
        }
    }

    Path dataDir() {
        return dataDir;
    }

    @Nullable RedisServer redis() {
        return redis;
    }

    /** The URL the servers connect to: the private Redis, or (unused by the other stores) the default. */
    String redisUrl() {
        return redis != null ? redis.uri() : StoreConfig.DEFAULTS.redisUrl();
    }

    @Override
    public void close() {
        try {
            if (redis != null) {
                redis.close();
            }
        } finally {
            delete(dataDir);
        }
    }

    private static void deleteQuietly(Path dir, RuntimeException failure) {
        try {
            delete(dir);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
