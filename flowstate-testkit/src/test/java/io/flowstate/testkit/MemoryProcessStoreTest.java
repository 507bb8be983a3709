package io.flowstate.testkit;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;

/** The memory store against the contract. */
class MemoryProcessStoreTest extends ProcessStoreContract {

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        return new MemoryProcessStore(clock, eventLogCapacity);
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return ((MemoryProcessStore) store).size() == 0;
    }
}
