package io.flowstate.archfixture.tangled.server.http;

import io.flowstate.archfixture.tangled.core.store.ProcessStore;

/** The edge reading the store directly instead of asking the engine. */
public record Routes(ProcessStore store) {
    public String get(String id) {
        return store.read(id);
    }
}
