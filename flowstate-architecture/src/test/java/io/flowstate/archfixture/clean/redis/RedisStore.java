package io.flowstate.archfixture.clean.redis;

import io.flowstate.archfixture.clean.core.store.Store;

/** A store module: sees only the core. */
public final class RedisStore implements Store {
    @Override
    public String read(String id) {
        return id;
    }
}
