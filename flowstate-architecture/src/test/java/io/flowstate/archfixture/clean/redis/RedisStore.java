package io.flowstate.archfixture.clean.redis;

import io.flowstate.archfixture.clean.core.store.ProcessStore;

/** A store module: sees only the core. */
public final class RedisStore implements ProcessStore {
    @Override
    public String read(String id) {
        return id;
    }
}
