package io.flowstate.server.testkit;

import io.flowstate.server.config.StoreConfig;

/** Where a server under test keeps its processes. */
public enum StoreKind {
    /** In the server's memory: fastest, and gone when the server stops (a restart starts empty). */
    MEMORY(StoreConfig.Kind.MEMORY),
    /** A SQLite file in a fresh temporary directory, deleted afterwards; kept across {@code restart()}. */
    SQLITE(StoreConfig.Kind.SQLITE),
    /**
     * A private {@code redis-server} on a free loopback port, stopped by pid afterwards; shared by every instance
     * of the test, so it is the store for several instances. Needs {@code redis-server} on {@code PATH} (or the
     * {@code flowstate.redis.server} system property).
     */
    REDIS(StoreConfig.Kind.REDIS);

    private final StoreConfig.Kind kind;

    StoreKind(StoreConfig.Kind kind) {
        this.kind = kind;
    }

    StoreConfig.Kind configKind() {
        return kind;
    }
}
