package io.flowstate.archfixture.tangled.server.http;

import io.flowstate.archfixture.tangled.core.store.Store;

/** The edge reading the store directly instead of asking the engine. */
public record Routes(Store store) {
    public String get(String id) {
        return store.read(id);
    }
}
