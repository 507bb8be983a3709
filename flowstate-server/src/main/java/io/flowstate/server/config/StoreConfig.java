package io.flowstate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Where processes are kept.
 *
 * @param kind          {@code store.kind}: sqlite (default), memory or redis
 * @param dataDir       {@code store.dataDir}: directory of the SQLite file
 * @param durability    {@code store.durability}: normal or strict (SQLite {@code synchronous=FULL})
 * @param eventLogSize  {@code store.eventLogSize}: events kept per process
 * @param sweepInterval {@code store.sweepInterval}: how often expired processes are removed
 * @param redisUrl      {@code store.redisUrl}: used when kind is redis; may carry a password, so print it only
 *                      through {@link Secrets#redactUrl}. Cluster: {@code redis-cluster://host:port,host:port}
 *                      or several {@code redis://} URLs separated by commas
 * @param redisConnectTimeout {@code store.redisConnectTimeout}: how long opening a Redis connection may take
 * @param redisCommandTimeout {@code store.redisCommandTimeout}: how long a store operation may wait for Redis
 *                      before the request fails with 503 {@code store_unavailable}
 */
public record StoreConfig(Kind kind, Path dataDir, Durability durability, int eventLogSize, Duration sweepInterval,
                          String redisUrl, Duration redisConnectTimeout, Duration redisCommandTimeout) {

    public enum Kind { SQLITE, MEMORY, REDIS }

    public enum Durability { NORMAL, STRICT }

    /** URL schemes of a Redis standalone, TLS, Sentinel or Unix-socket connection. */
    public static final List<String> REDIS_SCHEMES = List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel",
            "redis-socket", "redis-cluster", "rediss-cluster");

    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofSeconds(2);

    public static final StoreConfig DEFAULTS = new StoreConfig(Kind.SQLITE, Path.of("data"), Durability.NORMAL, 1000,
            Duration.ofSeconds(1), "redis://127.0.0.1:6379");

    /** A store configuration with the default Redis timeouts. */
    public StoreConfig(Kind kind, Path dataDir, Durability durability, int eventLogSize, Duration sweepInterval,
                       String redisUrl) {
        this(kind, dataDir, durability, eventLogSize, sweepInterval, redisUrl, DEFAULT_REDIS_TIMEOUT,
                DEFAULT_REDIS_TIMEOUT);
    }

    public StoreConfig {
        if (kind == null) {
            throw new ConfigException("store.kind must be sqlite, memory or redis");
        }
        if (dataDir == null) {
            throw new ConfigException("store.dataDir must be set");
        }
        if (durability == null) {
            throw new ConfigException("store.durability must be normal or strict");
        }
        if (eventLogSize < 1) {
            throw new ConfigException("store.eventLogSize must be at least 1, was " + eventLogSize);
        }
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new ConfigException("store.sweepInterval must be a positive ISO-8601 duration");
        }
        if (redisConnectTimeout == null || redisConnectTimeout.isNegative() || redisConnectTimeout.isZero()) {
            throw new ConfigException("store.redisConnectTimeout must be a positive ISO-8601 duration");
        }
        if (redisCommandTimeout == null || redisCommandTimeout.isNegative() || redisCommandTimeout.isZero()) {
            throw new ConfigException("store.redisCommandTimeout must be a positive ISO-8601 duration");
        }
        if (!isRedisUrl(redisUrl)) {
            throw new ConfigException("store.redisUrl must be a URL of scheme " + String.join(", ", REDIS_SCHEMES)
                    + ", was " + (redisUrl == null ? "null" : "'" + Secrets.redactUrl(redisUrl) + "'"));
        }
    }

    /**
     * True when {@code url} starts with one of the {@link #REDIS_SCHEMES} and names something after it; a
     * comma-separated list of such URLs (Cluster nodes) is one too.
     */
    public static boolean isRedisUrl(String url) {
        if (url == null) {
            return false;
        }
        boolean nodeList = url.indexOf("://") != url.lastIndexOf("://");
        if (nodeList) {
            for (String node : url.split(",")) {
                if (!isRedisUrl(node.trim())) {
                    return false;
                }
            }
            return true;
        }
        int separator = url.indexOf("://");
        return separator > 0 && separator + 3 < url.length()
                && REDIS_SCHEMES.contains(url.substring(0, separator).toLowerCase(Locale.ROOT));
    }

    public static Kind kind(String value) {
        try {
            return Kind.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("store.kind must be sqlite, memory or redis, was '" + value + "'");
        }
    }
}
