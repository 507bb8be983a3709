package io.flowstate.archfixture.tangled.redis;

import io.flowstate.archfixture.tangled.core.store.ProcessStore;

/** A store module that keeps its own rule: it sees only the core. */
public final class RedisStore implements ProcessStore {
    @Override
    public String read(String id) {
        return id;
    }
}
