package io.flowstate.server;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.server.config.StoreConfig;
import java.time.Clock;

/** Opens the store that {@code store.kind} names. */
final class Stores {
    private Stores() {
    }

    static ProcessStore open(StoreConfig config, Clock clock) {
        return switch (config.kind()) {
            case MEMORY -> new MemoryProcessStore(clock, config.eventLogSize());
            case SQLITE, REDIS -> throw new IllegalStateException("wired at merge");
        };
    }
}
