package io.flowstate.archfixture.tangled.redis;

import io.flowstate.archfixture.tangled.core.store.Store;

/** A store module that keeps its own rule: it sees only the core. */
public final class RedisStore implements Store {
    @Override
    public String read(String id) {
        return id;
    }
}
