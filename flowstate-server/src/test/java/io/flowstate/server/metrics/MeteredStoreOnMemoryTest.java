package io.flowstate.server.metrics;

import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessStoreContract;

/** The metered store is a store: the contract holds for it, over the memory store. */
class MeteredStoreOnMemoryTest extends ProcessStoreContract {

    private MemoryProcessStore memory;

    @Override
    protected ProcessStore newStore(MutableClock clock, int eventLogCapacity) {
        memory = new MemoryProcessStore(clock, eventLogCapacity);
        return FlowstateMetrics.unread().store(memory, "memory");
    }

    @Override
    protected boolean storeIsEmpty(ProcessStore store) {
        return memory.size() == 0;
    }
}
