package io.flowstate.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RedisProcessStore} reaches Redis and lays out its data. Validated on construction; messages
 * name the offending component.
 *
 * @param uri                  {@code redis://[user:password@]host:port[/db]} or {@code rediss://…} (TLS) for
 *                             one server; {@code redis-sentinel://host:port[,host:port…][/db]#masterName}
 *                             for Sentinel; {@code redis-cluster://host:port,host:port…} (or
 *                             {@code rediss-cluster://…}) or a comma-separated list of {@code redis://}
 *                             node URIs for Redis Cluster
 * @param connectTimeout       how long opening a connection may take
 * @param commandTimeout       how long any store operation may wait for Redis before it fails with
 *                             {@link io.flowstate.core.store.StoreUnavailableException}
 * @param eventLogCapacity     events kept per process (the stream's MAXLEN)
 * @param keyPrefix            first segment of every key and of the event channel, so several
 *                             deployments can share one Redis
 * @param compressionThreshold process and event blobs of at least this many bytes of JSON are
 *                             compressed (Deflate); {@link Integer#MAX_VALUE} turns compression off
 * @param expiryGrace          how long Redis keeps a process's keys after its expiry, so the sweeper can
 *                             still claim it and emit {@code process.expired}; past this Redis drops the
 *                             keys by itself and no event is emitted
 */
public record RedisStoreOptions(String uri, Duration connectTimeout, Duration commandTimeout,
                                int eventLogCapacity, String keyPrefix, int compressionThreshold,
                                Duration expiryGrace) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_EVENT_LOG_CAPACITY = 100;
    public static final String DEFAULT_KEY_PREFIX = "fs";
    /** Measured by {@code StateCodecBenchmark}; see docs/redis.md. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 1024;
    public static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofMinutes(10);

    public RedisStoreOptions {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("uri must not be blank");
        }
        positive(connectTimeout, "connectTimeout");
        positive(commandTimeout, "commandTimeout");
        positive(expiryGrace, "expiryGrace");
        if (eventLogCapacity < 1) {
            throw new IllegalArgumentException("eventLogCapacity must be >= 1, was " + eventLogCapacity);
        }
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.isEmpty() || !keyPrefix.matches("[A-Za-z0-9_.:-]+")) {
            throw new IllegalArgumentException("keyPrefix must be letters, digits or _.:- (no braces), was '"
                    + keyPrefix + "'");
        }
        if (compressionThreshold < 0) {
            throw new IllegalArgumentException("compressionThreshold must be >= 0, was " + compressionThreshold);
        }
        RedisEndpoints.parse(uri); // fails with a message naming the uri
    }

    /** Defaults for everything but the URI. */
    public static RedisStoreOptions of(String uri) {
        return new RedisStoreOptions(uri, DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_EVENT_LOG_CAPACITY, DEFAULT_KEY_PREFIX, DEFAULT_COMPRESSION_THRESHOLD, DEFAULT_EXPIRY_GRACE);
    }

    public RedisStoreOptions withTimeouts(Duration connect, Duration command) {
        return new RedisStoreOptions(uri, connect, command, eventLogCapacity, keyPrefix, compressionThreshold,
                expiryGrace);
    }

    public RedisStoreOptions withEventLogCapacity(int capacity) {
        return new RedisStoreOptions(uri, connectTimeout, commandTimeout, capacity, keyPrefix, compressionThreshold,
                expiryGrace);
    }

    public RedisStoreOptions withKeyPrefix(String prefix) {
        return new RedisStoreOptions(uri, connectTimeout, commandTimeout, eventLogCapacity, prefix,
                compressionThreshold, expiryGrace);
    }

    public RedisStoreOptions withCompressionThreshold(int threshold) {
        return new RedisStoreOptions(uri, connectTimeout, commandTimeout, eventLogCapacity, keyPrefix, threshold,
                expiryGrace);
    }

    public RedisStoreOptions withExpiryGrace(Duration grace) {
        return new RedisStoreOptions(uri, connectTimeout, commandTimeout, eventLogCapacity, keyPrefix,
                compressionThreshold, grace);
    }

    /** True when the URI names a Redis Cluster. */
    public boolean isCluster() {
        return RedisEndpoints.parse(uri).cluster();
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
