package io.flowstate.testkit.redis;

/**
 * A Redis primary watched by one Sentinel, both started by the harness: enough to test a client that
 * finds its primary through Sentinel. {@link #uri()} is a {@code redis-sentinel://} URI naming the
 * primary {@value #PRIMARY_NAME}.
 */
public final class RedisSentinelServer implements AutoCloseable {

    public static final String PRIMARY_NAME = "flowstate";

    private final RedisServer primary;
    private final RedisServer sentinel;

    private RedisSentinelServer(RedisServer primary, RedisServer sentinel) {
        this.primary = primary;
        this.sentinel = sentinel;
    }

    /** Starts the primary, then a Sentinel monitoring it with quorum 1. */
    public static RedisSentinelServer start() {
        RedisServer primary = RedisServer.start();
        try {
            RedisServer sentinel = RedisServer.start(RedisServerOptions.inMemory()
                    .withConfigLines("sentinel monitor " + PRIMARY_NAME + " 127.0.0.1 " + primary.port() + " 1",
                            "sentinel down-after-milliseconds " + PRIMARY_NAME + " 5000")
                    .withArgs("--sentinel"));
            return new RedisSentinelServer(primary, sentinel);
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    /** {@code redis-sentinel://127.0.0.1:<sentinel port>#flowstate} */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "#" + PRIMARY_NAME;
    }

    public RedisServer primary() {
        return primary;
    }

    public RedisServer sentinel() {
        return sentinel;
    }

    @Override
    public void close() {
        sentinel.close();
        primary.close();
    }
}
