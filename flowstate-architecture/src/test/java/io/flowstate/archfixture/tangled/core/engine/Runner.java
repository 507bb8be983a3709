package io.flowstate.archfixture.tangled.core.engine;

import io.flowstate.archfixture.tangled.redis.RedisStore;

/** The core importing a store implementation: a cross-layer import. */
public record Runner(RedisStore store) {
    public String run(String id) {
        return store.read(id);
    }
}
